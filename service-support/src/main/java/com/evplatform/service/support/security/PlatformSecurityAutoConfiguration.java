package com.evplatform.service.support.security;

import java.io.IOException;
import java.util.Collection;
import java.util.List;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.convert.converter.Converter;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.SecurityFilterChain;

import com.evplatform.service.support.web.Problems;

import jakarta.servlet.http.HttpServletResponse;

/**
 * The one security configuration of every business service (defence in depth behind the
 * gateway): a valid RS256 access token from auth-service on everything but health, info, the
 * OpenAPI document and the service's declared public paths; roles from the token's {@code roles} claim; the
 * messaging admin endpoints for ADMIN only; 401/403 as problem+json.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(SecurityProperties.class)
@EnableMethodSecurity
public class PlatformSecurityAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(SecurityFilterChain.class)
    SecurityFilterChain platformSecurity(HttpSecurity http, SecurityProperties properties) throws Exception {
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(authorize -> {
                    authorize.requestMatchers("/actuator/health/**", "/actuator/health", "/actuator/info",
                            "/actuator/prometheus", "/error", "/v3/api-docs", "/v3/api-docs/**").permitAll();
                    properties.publicPaths().forEach(path -> authorize.requestMatchers(path).permitAll());
                    authorize.requestMatchers("/api/admin/messaging/**").hasRole("ADMIN");
                    authorize.anyRequest().authenticated();
                })
                .oauth2ResourceServer(oauth -> oauth
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(new RolesClaimConverter()))
                        .authenticationEntryPoint((request, response, e) -> problem(response,
                                HttpStatus.UNAUTHORIZED, "UNAUTHENTICATED", "A valid access token is required.")))
                .exceptionHandling(handling -> handling
                        .authenticationEntryPoint((request, response, e) -> problem(response,
                                HttpStatus.UNAUTHORIZED, "UNAUTHENTICATED", "A valid access token is required."))
                        .accessDeniedHandler((request, response, e) -> problem(response, HttpStatus.FORBIDDEN,
                                "FORBIDDEN", "Your role does not allow this.")));
        return http.build();
    }

    /** Keys from auth-service's JWKS (cached and refreshed by Nimbus), issuer and expiry checked. */
    @Bean
    @ConditionalOnMissingBean(JwtDecoder.class)
    JwtDecoder jwtDecoder(SecurityProperties properties) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(properties.jwksUri()).build();
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                JwtValidators.createDefaultWithIssuer(properties.issuer())));
        return decoder;
    }

    /** {@code roles: ["DRIVER"]} becomes ROLE_DRIVER; the principal's name is the user id ({@code sub}). */
    public static final class RolesClaimConverter implements Converter<Jwt, AbstractAuthenticationToken> {
        @Override
        public AbstractAuthenticationToken convert(Jwt jwt) {
            List<String> roles = jwt.getClaimAsStringList("roles");
            Collection<GrantedAuthority> authorities = roles == null ? List.of()
                    : roles.stream().map(role -> (GrantedAuthority) new SimpleGrantedAuthority("ROLE_" + role))
                            .toList();
            return new JwtAuthenticationToken(jwt, authorities, jwt.getSubject());
        }
    }

    private static void problem(HttpServletResponse response, HttpStatus status, String code, String detail)
            throws IOException {
        if (status == HttpStatus.UNAUTHORIZED) {
            response.setHeader("WWW-Authenticate", "Bearer");
        }
        Problems.write(response, status, code, detail);
    }
}
