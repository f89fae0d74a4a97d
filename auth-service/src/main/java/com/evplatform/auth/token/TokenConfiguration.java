package com.evplatform.auth.token;

import java.nio.file.Path;
import java.time.Clock;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

import com.nimbusds.jose.jwk.source.ImmutableJWKSet;

/** Signing and verifying with auth-service's own key; other services verify through the JWKS. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AuthProperties.class)
class TokenConfiguration {

    @Bean
    SigningKeys signingKeys(AuthProperties properties) {
        return SigningKeys.load(properties.privateKey(), Path.of(properties.devKeyFile()));
    }

    @Bean
    JwtEncoder jwtEncoder(SigningKeys keys) {
        return new NimbusJwtEncoder(new ImmutableJWKSet<>(new com.nimbusds.jose.jwk.JWKSet(keys.signingKey())));
    }

    /** Replaces the shared JWKS-based decoder: this service knows its key without asking itself. */
    @Bean
    JwtDecoder jwtDecoder(SigningKeys keys, AuthProperties properties) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withPublicKey(keys.publicKey()).build();
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                JwtValidators.createDefaultWithIssuer(properties.issuer())));
        return decoder;
    }

    @Bean
    AccessTokens accessTokens(JwtEncoder encoder, AuthProperties properties, Clock clock) {
        return new AccessTokens(encoder, properties, clock);
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
