package com.evplatform.gateway.edge;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.web.ErrorResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;

import reactor.core.publisher.Mono;

/**
 * The gateway's refusals that happen before any route, as problems like every other answer:
 * a request Spring Security's firewall rejects (an encoded NUL, {@code ../} or {@code %2e%2e}
 * in the path) and a path no route serves. Without this the first is an empty 400 and the
 * second Spring Boot's own JSON error.
 */
@Configuration(proxyBeanMethods = false)
class EdgeErrors {

    @Bean
    ServerExchangeRejectedHandler rejectedAsProblem() {
        return (exchange, rejected) -> Problems.write(exchange, HttpStatus.BAD_REQUEST, "MALFORMED_REQUEST",
                "The request path or headers are not acceptable.");
    }

    /** Before Spring Boot's handler (order -1): status errors the gateway raises itself. */
    @Bean
    @Order(-2)
    WebExceptionHandler statusErrorsAsProblems() {
        return (exchange, error) -> error instanceof ErrorResponse response
                && HttpStatus.resolve(response.getStatusCode().value()) instanceof HttpStatus status
                && status.is4xxClientError() ? write(exchange, status) : Mono.error(error);
    }

    private static Mono<Void> write(ServerWebExchange exchange, HttpStatus status) {
        String code = switch (status) {
            case NOT_FOUND -> "NOT_FOUND";
            case METHOD_NOT_ALLOWED -> "METHOD_NOT_ALLOWED";
            case UNSUPPORTED_MEDIA_TYPE -> "UNSUPPORTED_MEDIA_TYPE";
            case CONTENT_TOO_LARGE -> "PAYLOAD_TOO_LARGE";
            default -> "BAD_REQUEST";
        };
        return Problems.write(exchange, status, code, status == HttpStatus.NOT_FOUND
                ? "No API serves this path." : status.getReasonPhrase());
    }
}
