package com.evplatform.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

import com.evplatform.testsupport.ApiClient;
import com.evplatform.testsupport.ApiClient.Response;
import com.evplatform.testsupport.PlatformInfrastructure;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "platform.auth.admin.username=platform-admin",
        "platform.auth.admin.password=admin-password-123",
        "platform.auth.login.window=2s",
        "platform.auth.dev-key-file=${java.io.tmpdir}/ev-platform-test/auth-signing-key.pem"})
@PlatformInfrastructure(schema = "auth")
class AuthFlowIT {

    @LocalServerPort
    int port;
    @Autowired
    JwtEncoder encoder;
    @Autowired
    JdbcTemplate jdbc;

    ApiClient api;
    String suffix;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        suffix = UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void a_driver_registers_logs_in_reads_itself_refreshes_and_logs_out() {
        Response registered = api.post("/api/auth/register", Map.of("username", "Driver." + suffix,
                "password", "correct-horse-1", "phone", "+86 138 0000 0000"));
        assertThat(registered.status()).isEqualTo(201);
        assertThat(registered.field("username")).isEqualTo("Driver." + suffix);

        // The user-registered event goes out (kept in auth.events.unrouted while nobody subscribes).
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> "SENT".equals(jdbc.queryForObject(
                "SELECT MIN(status) FROM messaging_outbox WHERE message_type = 'auth.user-registered' "
                        + "AND body LIKE ?", String.class, "%" + registered.field("userId") + "%")));

        Response login = login("driver." + suffix, "correct-horse-1");
        assertThat(login.status()).isEqualTo(200);
        assertThat(login.field("tokenType")).isEqualTo("Bearer");
        assertThat(login.json().path("expiresIn").asLong()).isEqualTo(900);
        String access = login.field("accessToken");

        Response me = api.get("/api/auth/me", access);
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.field("userId")).isEqualTo(registered.field("userId"));
        assertThat(me.json().path("roles").get(0).asString()).isEqualTo("DRIVER");

        Response refreshed = api.post("/api/auth/refresh", Map.of("refreshToken", login.field("refreshToken")));
        assertThat(refreshed.status()).isEqualTo(200);
        assertThat(refreshed.field("refreshToken")).isNotEqualTo(login.field("refreshToken"));
        assertThat(api.get("/api/auth/me", refreshed.field("accessToken")).status()).isEqualTo(200);

        Response logout = api.post("/api/auth/logout", refreshed.field("accessToken"),
                Map.of("refreshToken", refreshed.field("refreshToken")));
        assertThat(logout.status()).isEqualTo(204);
        assertRefusal(api.post("/api/auth/refresh", Map.of("refreshToken", refreshed.field("refreshToken"))), 401,
                "INVALID_REFRESH_TOKEN", "The refresh token is not valid");
    }

    @Test
    void reusing_a_spent_refresh_token_revokes_the_whole_family() {
        register("thief." + suffix);
        Response login = login("thief." + suffix, "correct-horse-1");
        String first = login.field("refreshToken");
        String second = api.post("/api/auth/refresh", Map.of("refreshToken", first)).field("refreshToken");

        assertProblem(api.post("/api/auth/refresh", Map.of("refreshToken", first)), 401, "INVALID_REFRESH_TOKEN");
        // The legitimate holder's newer token died with the family.
        assertProblem(api.post("/api/auth/refresh", Map.of("refreshToken", second)), 401, "INVALID_REFRESH_TOKEN");
        // A fresh login starts a new family.
        assertThat(login("thief." + suffix, "correct-horse-1").status()).isEqualTo(200);
    }

    @Test
    void a_taken_username_is_refused_whatever_its_case() {
        register("Taken." + suffix);
        assertRefusal(api.post("/api/auth/register", Map.of("username", "TAKEN." + suffix,
                "password", "another-password")), 409, "USERNAME_TAKEN", "The username TAKEN." + suffix + " is taken");
    }

    @Test
    void wrong_password_and_unknown_user_get_the_same_answer() {
        register("known." + suffix);
        Response wrongPassword = login("known." + suffix, "not-the-password");
        Response unknownUser = login("nobody." + suffix, "not-the-password");

        assertRefusal(wrongPassword, 401, "BAD_CREDENTIALS", "Wrong username or password");
        assertRefusal(unknownUser, 401, "BAD_CREDENTIALS", "Wrong username or password");
        assertThat(wrongPassword.json().path("detail")).isEqualTo(unknownUser.json().path("detail"));
    }

    @Test
    void repeated_bad_logins_are_throttled_with_retry_after_and_the_window_ends() throws Exception {
        register("target." + suffix);
        for (int i = 0; i < 5; i++) {
            assertProblem(login("target." + suffix, "guess-" + i), 401, "BAD_CREDENTIALS");
        }
        Response blocked = login("target." + suffix, "correct-horse-1");
        assertRefusal(blocked, 429, "TOO_MANY_ATTEMPTS", "Too many failed logins; try again later");
        assertThat(Long.parseLong(blocked.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 2L);
        assertThat(blocked.json().path("retryAfterSeconds").asLong())
                .isEqualTo(Long.parseLong(blocked.headers().firstValue("Retry-After").orElseThrow()));

        Thread.sleep(Duration.ofMillis(2_200));
        assertThat(login("target." + suffix, "correct-horse-1").status()).isEqualTo(200);
    }

    @Test
    void bad_tokens_are_refused_with_a_problem() throws Exception {
        String subject = UUID.randomUUID().toString();
        String expired = sign(encoder, "ev-platform", Instant.now().minusSeconds(3600), subject);
        String wrongIssuer = sign(encoder, "someone-else", Instant.now(), subject);
        var strangerKey = new RSAKeyGenerator(2048).keyID("stranger").generate();
        String wrongSignature = sign(new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(strangerKey))),
                "ev-platform", Instant.now(), subject);
        String algNone = base64("{\"alg\":\"none\"}") + "." + base64("{\"sub\":\"" + subject
                + "\",\"iss\":\"ev-platform\",\"roles\":[\"ADMIN\"],\"exp\":" + (Instant.now().getEpochSecond() + 600)
                + "}") + ".";

        for (String token : List.of(expired, wrongIssuer, wrongSignature, algNone, "garbage")) {
            Response response = api.get("/api/auth/me", token);
            assertProblem(response, 401, "UNAUTHENTICATED");
        }
        assertProblem(api.get("/api/auth/me", null), 401, "UNAUTHENTICATED");
    }

    @Test
    void the_admin_from_the_environment_creates_an_operator_and_its_user_and_a_driver_cannot() {
        String admin = login("platform-admin", "admin-password-123").field("accessToken");
        String code = ("OP" + suffix.toUpperCase().replaceAll("[^A-Z0-9]", "X") + "XXXX").substring(0, 9);

        Response operator = api.post("/api/admin/operators", admin, Map.of("code", code, "name", "Volt Stations"));
        assertThat(operator.status()).isEqualTo(201);
        assertRefusal(api.post("/api/admin/operators", admin, Map.of("code", code, "name", "again")), 409,
                "OPERATOR_EXISTS", "Operator " + code + " exists already");
        assertRefusal(api.post("/api/admin/users", admin, Map.of("username", "nobody." + suffix,
                "password", "operator-pass-1", "role", "OPERATOR", "operatorCode", "NOSUCHOP0")), 404,
                "OPERATOR_NOT_FOUND", "No operator NOSUCHOP0");

        Response user = api.post("/api/admin/users", admin, Map.of("username", "ops." + suffix,
                "password", "operator-pass-1", "role", "OPERATOR", "operatorCode", code));
        assertThat(user.status()).isEqualTo(201);
        String operatorToken = login("ops." + suffix, "operator-pass-1").field("accessToken");
        Response me = api.get("/api/auth/me", operatorToken);
        assertThat(me.field("operatorCode")).isEqualTo(code);
        assertThat(me.json().path("roles").get(0).asString()).isEqualTo("OPERATOR");

        register("plain." + suffix);
        String driver = login("plain." + suffix, "correct-horse-1").field("accessToken");
        assertProblem(api.post("/api/admin/operators", driver, Map.of("code", "ABCDEFGHI", "name", "x")), 403,
                "FORBIDDEN");
        assertProblem(api.post("/api/admin/operators", operatorToken, Map.of("code", "ABCDEFGHI", "name", "x")),
                403, "FORBIDDEN");
    }

    @Test
    void bad_input_on_every_endpoint_is_a_validation_problem_and_stores_nothing() {
        long usersBefore = jdbc.queryForObject("SELECT COUNT(*) FROM users", Long.class);

        assertValidation(api.post("/api/auth/register", Map.of("password", "long-enough")), "username");
        assertValidation(api.post("/api/auth/register", Map.of("username", "ab", "password", "long-enough")),
                "username");
        assertValidation(api.post("/api/auth/register", Map.of("username", "has space", "password", "x")),
                "username", "password");
        assertValidation(api.post("/api/auth/register", Map.of("username", "u" + suffix,
                "password", "p".repeat(129))), "password");
        assertValidation(api.post("/api/auth/register", "{\"username\": 42, \"password\": [1]}"), "body");
        assertValidation(api.post("/api/auth/register", "{not json"), "body");
        assertValidation(api.post("/api/auth/login", Map.of("username", "")), "username", "password");
        assertValidation(api.post("/api/auth/refresh", Map.of()), "refreshToken");
        assertValidation(api.post("/api/auth/refresh", Map.of("refreshToken", "r".repeat(201))), "refreshToken");
        String admin = login("platform-admin", "admin-password-123").field("accessToken");
        assertValidation(api.post("/api/auth/logout", admin, Map.of()), "refreshToken");
        assertValidation(api.post("/api/admin/operators", admin, Map.of("code", "short", "name", "")), "code",
                "name");
        assertValidation(api.post("/api/admin/users", admin, Map.of("username", "x" + suffix, "password",
                "long-enough-1", "role", "ADMIN", "operatorCode", "ABCDEFGHI")), "role");

        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM users", Long.class)).isEqualTo(usersBefore);
    }

    @Test
    void the_service_publishes_its_openapi_document_without_a_token() {
        Response docs = api.get("/v3/api-docs", null);

        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.json().path("paths").has("/api/auth/register")).isTrue();
    }

    @Test
    void the_jwks_publishes_the_signing_key_with_its_id() {
        Response jwks = api.get("/api/auth/jwks", null);

        assertThat(jwks.status()).isEqualTo(200);
        var key = jwks.json().path("keys").get(0);
        assertThat(key.path("kty").asString()).isEqualTo("RSA");
        assertThat(key.path("kid").asString()).isNotBlank();
        assertThat(key.path("alg").asString()).isEqualTo("RS256");
        assertThat(key.has("d")).as("private part").isFalse();
    }

    private void register(String username) {
        assertThat(api.post("/api/auth/register", Map.of("username", username, "password", "correct-horse-1"))
                .status()).isEqualTo(201);
    }

    private Response login(String username, String password) {
        return api.post("/api/auth/login", Map.of("username", username, "password", password));
    }

    private static void assertProblem(Response response, int status, String code) {
        assertThat(response.status()).as(response.text()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.field("code")).isEqualTo(code);
        assertThat(response.field("traceId")).isNotBlank();
    }

    /**
     * A refusal of API.md: the whole problem body, field by field, as clients read it
     * ({@code retryAfterSeconds} only with TOO_MANY_ATTEMPTS).
     */
    private static void assertRefusal(Response response, int status, String code, String detail) {
        assertProblem(response, status, code);
        var body = response.json();
        assertThat(body.path("status").asInt()).isEqualTo(status);
        assertThat(body.path("title").asString()).isEqualTo(HttpStatus.valueOf(status).getReasonPhrase());
        assertThat(body.path("detail").asString()).isEqualTo(detail);
        assertThat(body.path("type").asString()).isEqualTo("https://docs.evplatform.example/problems/"
                + code.toLowerCase(Locale.ROOT).replace('_', '-'));
        var fields = new java.util.ArrayList<>(List.of("type", "title", "status", "detail", "instance", "code",
                "traceId"));
        if (status == 429) {
            fields.add("retryAfterSeconds");
        }
        assertThat(body.propertyNames()).as(response.text()).containsExactlyInAnyOrderElementsOf(fields);
    }

    private static void assertValidation(Response response, String... fields) {
        assertProblem(response, 400, "VALIDATION_FAILED");
        List<String> named = response.json().path("errors").valueStream().map(e -> e.path("field").asString())
                .toList();
        assertThat(named).as(response.text()).contains(fields);
    }

    private static String sign(JwtEncoder encoder, String issuer, Instant issuedAt, String subject) {
        var claims = JwtClaimsSet.builder().issuer(issuer).subject(subject).issuedAt(issuedAt)
                .expiresAt(issuedAt.plusSeconds(60)).claim("roles", List.of("DRIVER")).build();
        return encoder.encode(JwtEncoderParameters.from(JwsHeader.with(SignatureAlgorithm.RS256).build(), claims))
                .getTokenValue();
    }

    private static String base64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes());
    }
}
