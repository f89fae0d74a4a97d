package com.evplatform.charging;

import java.time.Clock;
import java.time.Duration;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The clock, the sessions' update channels, and scheduling for the session watchdog. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class SessionConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /**
     * One Redis subscription connection per instance for the sessions' update channels: a
     * session's channel is subscribed while a stream of it is open here. Messages are handed
     * to virtual threads, so a slow SSE client holds up nobody else.
     */
    @Bean
    RedisMessageListenerContainer sessionChannels(RedisConnectionFactory redis) {
        var container = new RedisMessageListenerContainer();
        container.setConnectionFactory(redis);
        var dispatch = new SimpleAsyncTaskExecutor("session-updates-");
        dispatch.setVirtualThreads(true);
        container.setTaskExecutor(dispatch);
        container.setRecoveryInterval(Duration.ofSeconds(2).toMillis());
        return container;
    }
}
