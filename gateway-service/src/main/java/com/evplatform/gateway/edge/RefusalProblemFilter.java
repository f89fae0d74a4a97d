package com.evplatform.gateway.edge;

import java.security.Principal;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.ratelimit.KeyResolver;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.web.server.ServerWebExchange;

import reactor.core.publisher.Mono;

/**
 * Spring Cloud Gateway's own filters refuse with an empty body: the Redis
 * {@code RequestRateLimiter} (a token bucket in a Lua script) with 429, {@code RequestSize}
 * with 413. This turns those into the platform's problems: {@code RATE_LIMITED} with a
 * {@code Retry-After} derived from the bucket's refill rate, and {@code PAYLOAD_TOO_LARGE}.
 */
@Configuration(proxyBeanMethods = false)
class RefusalProblemFilter implements GlobalFilter, Ordered {

    /** Buckets per signed-in user; per client address on public routes. */
    @Bean
    KeyResolver userOrAddress() {
        return exchange -> exchange.getPrincipal().map(Principal::getName).map(name -> "user:" + name)
                .switchIfEmpty(Mono.fromSupplier(() -> {
                    var address = exchange.getRequest().getRemoteAddress();
                    return "addr:" + (address == null ? "unknown" : address.getAddress().getHostAddress());
                }));
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        var response = new ServerHttpResponseDecorator(exchange.getResponse()) {
            @Override
            public Mono<Void> setComplete() {
                int status = getStatusCode() == null ? 0 : getStatusCode().value();
                var plain = exchange.mutate().response(getDelegate()).build();
                if (status == HttpStatus.TOO_MANY_REQUESTS.value()) {
                    getHeaders().set(HttpHeaders.RETRY_AFTER, String.valueOf(retryAfterSeconds(getHeaders())));
                    return Problems.write(plain, HttpStatus.TOO_MANY_REQUESTS, "RATE_LIMITED",
                            "Too many requests; slow down and retry after the time in Retry-After.");
                }
                if (status == HttpStatus.CONTENT_TOO_LARGE.value()) {
                    getHeaders().remove("errorMessage");
                    return Problems.write(plain, HttpStatus.CONTENT_TOO_LARGE, "PAYLOAD_TOO_LARGE",
                            "The request body is larger than the gateway accepts.");
                }
                return super.setComplete();
            }
        };
        return chain.filter(exchange.mutate().response(response).build());
    }

    private static long retryAfterSeconds(HttpHeaders headers) {
        double replenish = number(headers.getFirst("X-RateLimit-Replenish-Rate"), 1);
        double requested = number(headers.getFirst("X-RateLimit-Requested-Tokens"), 1);
        return Math.max(1, (long) Math.ceil(requested / Math.max(replenish, 0.001)));
    }

    private static double number(String value, double fallback) {
        try {
            return value == null ? fallback : Double.parseDouble(value);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 20;
    }
}
