package com.evplatform.messaging.config;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Settings the library cannot work well without, added with the lowest precedence:
 * correlated publisher confirms and returns, and a Redis command timeout short enough that
 * a Redis outage slows consumers for seconds, not minutes (Lettuce waits 60 s by default).
 */
public class MessagingDefaultsEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        environment.getPropertySources().addLast(new MapPropertySource("platformMessagingDefaults", Map.of(
                "spring.rabbitmq.publisher-confirm-type", "correlated",
                "spring.rabbitmq.publisher-returns", "true",
                "spring.data.redis.timeout", "2s",
                "spring.data.redis.connect-timeout", "2s")));
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
