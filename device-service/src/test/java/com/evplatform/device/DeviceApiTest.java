package com.evplatform.device;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.evplatform.testsupport.TestTokens;

/**
 * Spring tests that call device-service's API as drivers, operators and admins: tokens signed
 * by a test key whose JWKS the service is pointed at. One issuer for the whole test JVM, so
 * cached application contexts keep a live JWKS.
 */
public abstract class DeviceApiTest {

    protected static final TestTokens TOKENS = new TestTokens();

    @DynamicPropertySource
    static void testIssuer(DynamicPropertyRegistry registry) {
        registry.add("platform.security.jwks-uri", TOKENS::jwksUri);
    }
}
