package com.evplatform.service.support.security;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How a business service checks access tokens ({@code platform.security.*}).
 *
 * @param jwksUri where auth-service publishes its public keys
 * @param issuer the {@code iss} every token must carry
 * @param publicPaths paths of this service that need no token (besides health and info)
 */
@ConfigurationProperties("platform.security")
public record SecurityProperties(
        @DefaultValue("http://127.0.0.1:8081/api/auth/jwks") String jwksUri,
        @DefaultValue("ev-platform") String issuer,
        @DefaultValue List<String> publicPaths) {
}
