package com.evplatform.gateway.security;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4JCircuitBreakerFactory;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JConfigBuilder;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.header.ReferrerPolicyServerHttpHeadersWriter.ReferrerPolicy;

import com.evplatform.gateway.edge.Problems;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import reactor.core.publisher.Mono;

/**
 * The gateway checks every access token before routing (services check again): RS256
 * signature against auth-service's JWKS (cached by Nimbus), issuer and expiry, once per
 * distinct token ({@link VerifiedTokens}). Public:
 * register, login, refresh, JWKS, QR resolution, the liveness and readiness probes, and the
 * OCPP endpoint (chargers authenticate with their own password at device-service). The
 * other actuator endpoints and the API documentation are for ADMIN. Every answer carries
 * the security headers.
 */
@Configuration(proxyBeanMethods = false)
class GatewaySecurityConfiguration {

    @Bean
    SecurityWebFilterChain gatewaySecurity(ServerHttpSecurity http,
            @Value("${platform.gateway.metrics-scrapers:}") String metricsScrapers) {
        return http.csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                // Spring Security's defaults (nosniff, X-Frame-Options DENY, no-store, HSTS on HTTPS
                // requests) plus no framing by CSP and no Referer leaving the app.
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives("frame-ancestors 'none'"))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER)))
                .authorizeExchange(exchange -> exchange
                        // CORS preflights carry no token; the gateway's CORS rules answer them.
                        .pathMatchers(HttpMethod.OPTIONS).permitAll()
                        // Orchestrators' probes; every other actuator endpoint (health details, metrics,
                        // Prometheus) is for admins (ADR 14).
                        .pathMatchers("/actuator/health/liveness", "/actuator/health/readiness", "/fallback/**")
                        .permitAll()
                        .pathMatchers(HttpMethod.GET, "/actuator/prometheus")
                        .access(new MetricsScrapers(metricsScrapers))
                        .pathMatchers("/actuator/**").hasRole("ADMIN")
                        // The aggregated API documentation (Swagger UI) and each service's OpenAPI document.
                        .pathMatchers("/swagger-ui.html", "/swagger-ui/**", "/webjars/**", "/v3/api-docs/**",
                                "/api-docs/**").hasRole("ADMIN")
                        .pathMatchers(HttpMethod.POST, "/api/auth/register", "/api/auth/login", "/api/auth/refresh",
                                "/api/payments/webhook")
                        .permitAll()
                        .pathMatchers(HttpMethod.GET, "/api/auth/jwks", "/api/chargers/resolve").permitAll()
                        .pathMatchers("/ocpp/**").permitAll()
                        .pathMatchers("/api/admin/messaging/**").hasRole("ADMIN")
                        .pathMatchers("/api/admin/**").hasAnyRole("ADMIN", "OPERATOR")
                        .anyExchange().authenticated())
                .oauth2ResourceServer(oauth -> oauth
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(GatewaySecurityConfiguration::authentication))
                        .authenticationEntryPoint((exchange, e) -> unauthenticated(exchange))
                        .accessDeniedHandler((exchange, e) -> Problems.write(exchange, HttpStatus.FORBIDDEN,
                                "FORBIDDEN", "Your role does not allow this.")))
                .exceptionHandling(handling -> handling
                        .authenticationEntryPoint((exchange, e) -> unauthenticated(exchange))
                        .accessDeniedHandler((exchange, e) -> Problems.write(exchange, HttpStatus.FORBIDDEN,
                                "FORBIDDEN", "Your role does not allow this.")))
                .build();
    }

    /** Verifies each distinct token once (signature, issuer, expiry) and remembers it until it expires. */
    @Bean
    ReactiveJwtDecoder jwtDecoder(@Value("${platform.security.jwks-uri}") String jwksUri,
            @Value("${platform.security.issuer}") String issuer,
            @Value("${platform.gateway.verified-tokens:100000}") long verifiedTokens) {
        var decoder = NimbusReactiveJwtDecoder.withJwkSetUri(jwksUri).build();
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(JwtValidators.createDefaultWithIssuer(issuer)));
        // 0 turns the cache off: every request is verified (the benchmark's comparison).
        return verifiedTokens > 0 ? new VerifiedTokens(decoder, verifiedTokens, Clock.systemUTC()) : decoder;
    }

    /**
     * Circuit breaker and time limit of every route: a slow or failing service gets a fast 503.
     * Built here rather than by Spring Cloud CircuitBreaker's auto-configuration, which needs
     * resilience4j-spring-boot3 (it refuses Spring Boot 4).
     */
    @Bean
    ReactiveResilience4JCircuitBreakerFactory circuitBreakerFactory(
            @Value("${platform.gateway.upstream-timeout}") Duration timeout,
            @Value("${platform.gateway.open-circuit-wait}") Duration openWait) {
        var factory = new ReactiveResilience4JCircuitBreakerFactory(CircuitBreakerRegistry.ofDefaults(),
                TimeLimiterRegistry.ofDefaults(), null, new Resilience4JConfigurationProperties());
        factory.configureDefault(id -> new Resilience4JConfigBuilder(id)
                .timeLimiterConfig(TimeLimiterConfig.custom().timeoutDuration(timeout).build())
                .circuitBreakerConfig(CircuitBreakerConfig.custom()
                        .slidingWindowSize(20)
                        .minimumNumberOfCalls(5)
                        .failureRateThreshold(50)
                        .waitDurationInOpenState(openWait)
                        .permittedNumberOfCallsInHalfOpenState(2)
                        .build())
                .build());
        return factory;
    }

    private static Mono<AbstractAuthenticationToken> authentication(Jwt jwt) {
        List<String> roles = jwt.getClaimAsStringList("roles");
        Collection<GrantedAuthority> authorities = roles == null ? List.of()
                : roles.stream().map(role -> (GrantedAuthority) new SimpleGrantedAuthority("ROLE_" + role)).toList();
        return Mono.just(new JwtAuthenticationToken(jwt, authorities, jwt.getSubject()));
    }

    private static Mono<Void> unauthenticated(org.springframework.web.server.ServerWebExchange exchange) {
        exchange.getResponse().getHeaders().set("WWW-Authenticate", "Bearer");
        return Problems.write(exchange, HttpStatus.UNAUTHORIZED, "UNAUTHENTICATED",
                "A valid access token is required.");
    }
}
