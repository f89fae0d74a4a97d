package com.evplatform.auth.account.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.HttpHeaders;

import com.evplatform.auth.account.application.AccountRefusal;
import com.evplatform.auth.account.model.Username;

class AccountProblemsTest {

    private final AccountProblems problems = new AccountProblems();

    static Stream<Arguments> refusals() {
        return Stream.of(
                Arguments.of(new AccountRefusal.BadCredentials(), 401, "BAD_CREDENTIALS",
                        "Wrong username or password"),
                Arguments.of(new AccountRefusal.InvalidRefreshToken(), 401, "INVALID_REFRESH_TOKEN",
                        "The refresh token is not valid"),
                Arguments.of(new AccountRefusal.TooManyAttempts(Duration.ofSeconds(42)), 429, "TOO_MANY_ATTEMPTS",
                        "Too many failed logins; try again later"),
                Arguments.of(new AccountRefusal.UsernameTaken(new Username("Alice.Driver")), 409, "USERNAME_TAKEN",
                        "The username Alice.Driver is taken"),
                Arguments.of(new AccountRefusal.OperatorExists("VOLTOP001"), 409, "OPERATOR_EXISTS",
                        "Operator VOLTOP001 exists already"),
                Arguments.of(new AccountRefusal.OperatorNotFound("VOLTOP001"), 404, "OPERATOR_NOT_FOUND",
                        "No operator VOLTOP001"));
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("refusals")
    void each_refusal_is_its_api_problem(AccountRefusal refusal, int status, String code, String detail) {
        var response = problems.refused(refusal);
        var body = response.getBody();

        assertThat(response.getStatusCode().value()).isEqualTo(status);
        assertThat(body.getStatus()).isEqualTo(status);
        assertThat(body.getDetail()).isEqualTo(detail);
        assertThat(body.getProperties()).containsEntry("code", code).containsKey("traceId");
        assertThat(body.getType()).isEqualTo(URI.create("https://docs.evplatform.example/problems/"
                + code.toLowerCase(java.util.Locale.ROOT).replace('_', '-')));
    }

    @Test
    void a_throttled_login_says_when_to_retry_in_the_body_and_the_header() {
        var response = problems.refused(new AccountRefusal.TooManyAttempts(Duration.ofMillis(42_700)));

        assertThat(response.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("42");
        assertThat(response.getBody().getProperties()).containsEntry("retryAfterSeconds", 42L);
    }

    @Test
    void other_refusals_carry_no_retry_time() {
        var response = problems.refused(new AccountRefusal.BadCredentials());

        assertThat(response.getHeaders().containsHeader(HttpHeaders.RETRY_AFTER)).isFalse();
        assertThat(response.getBody().getProperties()).doesNotContainKey("retryAfterSeconds");
    }
}
