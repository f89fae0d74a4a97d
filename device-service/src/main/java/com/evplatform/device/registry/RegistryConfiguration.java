package com.evplatform.device.registry;

import java.time.Clock;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

import com.evplatform.device.registry.application.ChargerKeys;

@Configuration(proxyBeanMethods = false)
class RegistryConfiguration {

    /**
     * Chargers' OCPP passwords (AuthorizationKey) are kept as HMAC-SHA256 under
     * {@code DEVICE_KEY_SECRET}; those registered before, as Spring Security's delegating hash
     * (bcrypt), are checked with it until their next handshake stores them again (ADR 16).
     */
    @Bean
    ChargerKeys chargerKeys(@Value("${platform.device.key-secret:}") String secret) {
        PasswordEncoder oldScheme = PasswordEncoderFactories.createDelegatingPasswordEncoder();
        return new ChargerKeys(secret, oldScheme);
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
