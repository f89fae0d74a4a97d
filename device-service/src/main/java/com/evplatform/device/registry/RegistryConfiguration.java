package com.evplatform.device.registry;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

@Configuration(proxyBeanMethods = false)
class RegistryConfiguration {

    /**
     * Chargers' OCPP passwords (AuthorizationKey) are kept as Spring Security's delegating
     * hash (bcrypt today); the handshake caches a successful check so reconnect storms stay cheap.
     */
    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
