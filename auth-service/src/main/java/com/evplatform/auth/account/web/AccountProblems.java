package com.evplatform.auth.account.web;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import com.evplatform.auth.account.application.AccountRefusal;
import com.evplatform.auth.account.application.AccountRefusal.BadCredentials;
import com.evplatform.auth.account.application.AccountRefusal.InvalidRefreshToken;
import com.evplatform.auth.account.application.AccountRefusal.OperatorExists;
import com.evplatform.auth.account.application.AccountRefusal.OperatorNotFound;
import com.evplatform.auth.account.application.AccountRefusal.TooManyAttempts;
import com.evplatform.auth.account.application.AccountRefusal.UsernameTaken;
import com.evplatform.service.support.web.Problems;

/**
 * The account refusals as API.md problems: the status and code of each kind, the refusal's
 * message as the detail, and for throttled logins {@code retryAfterSeconds} and a
 * {@code Retry-After} header.
 *
 * <p>Ordered first: the shared {@code ProblemResponses} answers any other exception with a 500.
 */
@RestControllerAdvice(basePackageClasses = AccountProblems.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class AccountProblems {

    private record Answer(HttpStatus status, String code) {
    }

    @ExceptionHandler(AccountRefusal.class)
    ResponseEntity<ProblemDetail> refused(AccountRefusal refusal) {
        Answer answer = switch (refusal) {
            case BadCredentials r -> new Answer(HttpStatus.UNAUTHORIZED, "BAD_CREDENTIALS");
            case InvalidRefreshToken r -> new Answer(HttpStatus.UNAUTHORIZED, "INVALID_REFRESH_TOKEN");
            case TooManyAttempts r -> new Answer(HttpStatus.TOO_MANY_REQUESTS, "TOO_MANY_ATTEMPTS");
            case UsernameTaken r -> new Answer(HttpStatus.CONFLICT, "USERNAME_TAKEN");
            case OperatorExists r -> new Answer(HttpStatus.CONFLICT, "OPERATOR_EXISTS");
            case OperatorNotFound r -> new Answer(HttpStatus.NOT_FOUND, "OPERATOR_NOT_FOUND");
        };
        ProblemDetail problem = Problems.of(answer.status(), answer.code(), refusal.getMessage());
        var response = ResponseEntity.status(answer.status());
        if (refusal instanceof TooManyAttempts throttled) {
            long seconds = throttled.retryAfter().toSeconds();
            problem.setProperty("retryAfterSeconds", seconds);
            response.header(HttpHeaders.RETRY_AFTER, String.valueOf(seconds));
        }
        return response.body(problem);
    }
}
