package com.evplatform.auth.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SigningKeysTest {

    @TempDir
    Path home;

    @Test
    void a_development_key_is_generated_once_and_reused() throws Exception {
        Path file = home.resolve("keys/dev.pem");

        SigningKeys first = SigningKeys.load(null, file);
        SigningKeys second = SigningKeys.load("", file);

        assertThat(file).isRegularFile();
        assertThat(Files.getPosixFilePermissions(file).toString()).isEqualTo("[OWNER_READ, OWNER_WRITE]");
        assertThat(second.signingKey().getKeyID()).isEqualTo(first.signingKey().getKeyID());
    }

    @Test
    void a_configured_pem_wins_also_with_escaped_line_breaks_from_an_env_file() throws Exception {
        String pem = Files.readString(generated());
        String oneLine = pem.strip().replace("\n", "\\n");

        SigningKeys fromPem = SigningKeys.load(pem, home.resolve("unused.pem"));
        SigningKeys fromEnvFile = SigningKeys.load(oneLine, home.resolve("unused.pem"));

        assertThat(fromEnvFile.signingKey().getKeyID()).isEqualTo(fromPem.signingKey().getKeyID());
        assertThat(home.resolve("unused.pem")).doesNotExist();
    }

    @Test
    void the_jwks_holds_only_the_public_half() throws Exception {
        var keys = SigningKeys.load(null, home.resolve("k.pem"));

        var published = keys.publicKeys().getKeys().getFirst();
        assertThat(published.isPrivate()).isFalse();
        assertThat(published.getKeyID()).isEqualTo(keys.signingKey().getKeyID());
        assertThat(Base64.getUrlDecoder().decode(published.toRSAKey().getModulus().toString())).hasSize(256);
    }

    private Path generated() {
        Path file = home.resolve("source.pem");
        SigningKeys.load(null, file);
        return file;
    }
}
