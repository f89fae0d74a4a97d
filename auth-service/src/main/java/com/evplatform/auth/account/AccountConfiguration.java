package com.evplatform.auth.account;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

import com.evplatform.auth.account.application.LoginThrottle;
import com.evplatform.auth.account.infrastructure.RedisLoginThrottle;
import com.evplatform.auth.token.AuthProperties;

/** Scheduling: the purge of ended logins' refresh tokens ({@code ForgettingEndedLogins}). */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class AccountConfiguration {

    /**
     * Spring Security's delegating encoder: bcrypt today, each hash tagged with its algorithm,
     * so a stronger default later re-hashes passwords at the next login.
     */
    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    LoginThrottle loginThrottle(StringRedisTemplate redis, AuthProperties properties) {
        var login = properties.login();
        return new RedisLoginThrottle(redis, login.maxFailuresPerUser(), login.maxFailuresPerAddress(), login.window());
    }
}
