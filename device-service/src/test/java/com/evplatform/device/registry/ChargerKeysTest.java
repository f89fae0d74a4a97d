package com.evplatform.device.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

import com.evplatform.device.registry.application.ChargerKeys;
import com.evplatform.device.registry.application.ChargerKeys.Check;
import com.evplatform.device.registry.model.Charger;
import com.evplatform.device.registry.model.KeyScheme;

class ChargerKeysTest {

    private static final String SECRET = "unit-test-secret-0123456789abcdefghij";
    private static final String KEY = "an-ocpp-key-0123456789";
    private static final PasswordEncoder BCRYPT = PasswordEncoderFactories.createDelegatingPasswordEncoder();

    private final ChargerKeys keys = new ChargerKeys(SECRET, BCRYPT);

    @Test
    void a_key_stored_as_hmac_matches_only_itself_on_its_own_charger() {
        Charger charger = charger("CP-1", KeyScheme.HMAC_SHA256, keys.hash("CP-1", KEY));

        assertThat(keys.check(charger, KEY)).isEqualTo(Check.MATCHES);
        assertThat(keys.check(charger, KEY + "x")).isEqualTo(Check.WRONG);
        assertThat(keys.check(charger, "")).isEqualTo(Check.WRONG);
        assertThat(keys.check(charger("CP-2", KeyScheme.HMAC_SHA256, keys.hash("CP-1", KEY)), KEY))
                .as("the hash is bound to the charger's id").isEqualTo(Check.WRONG);
    }

    @Test
    void the_stored_hash_depends_on_the_secret_and_reveals_nothing_of_the_key() {
        String hash = keys.hash("CP-1", KEY);

        assertThat(hash).isEqualTo(keys.hash("CP-1", KEY)).doesNotContain(KEY).hasSize(44);
        assertThat(new ChargerKeys(SECRET + "-other", BCRYPT).hash("CP-1", KEY)).isNotEqualTo(hash);
        assertThat(keys.hash("CP-1", "same-key-0123456789")).isNotEqualTo(keys.hash("CP-2", "same-key-0123456789"));
    }

    @Test
    void a_key_stored_with_bcrypt_before_still_matches_and_is_flagged_to_be_stored_again() {
        String bcrypt = "{bcrypt}" + new BCryptPasswordEncoder(4).encode(KEY);
        Charger charger = charger("CP-OLD", KeyScheme.BCRYPT, bcrypt);

        assertThat(keys.check(charger, KEY)).isEqualTo(Check.MATCHES_OLD_SCHEME);
        assertThat(keys.check(charger, "not-the-key-0123456789")).isEqualTo(Check.WRONG);
    }

    @Test
    void a_missing_or_short_secret_stops_the_start() {
        for (String secret : new String[] {null, "", "   ", "too-short-0123456789"}) {
            assertThatThrownBy(() -> new ChargerKeys(secret, BCRYPT)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("DEVICE_KEY_SECRET");
        }
    }

    private static Charger charger(String id, KeyScheme scheme, String hash) {
        return new Charger(id, "station", scheme, hash, null, null, Instant.EPOCH);
    }
}
