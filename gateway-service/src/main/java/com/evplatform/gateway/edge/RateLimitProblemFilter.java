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
 * Spring Cloud Gateway's Redis {@code RequestRateLimiter} does the counting (a token bucket
 * in a Lua script); this turns its bare 429 into the platform's problem with
 * {@code RATE_LIMITED} and a {@code Retry-After} derived from the bucket's refill rate.
 */
@Configuration(proxyBeanMethods = false)
class RateLimitProblemFilter implements GlobalFilter, Ordered {

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
                if (getStatusCode() != null && getStatusCode().value() == HttpStatus.TOO_MANY_REQUESTS.value()) {
                    getHeaders().set(HttpHeaders.RETRY_AFTER, String.valueOf(retryAfterSeconds(getHeaders())));
                    return Problems.write(exchange.mutate().response(getDelegate()).build(),
                            HttpStatus.TOO_MANY_REQUESTS, "RATE_LIMITED",
                            "Too many requests; slow down and retry after the time in Retry-After.");
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
