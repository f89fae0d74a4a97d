package com.evplatform.messaging.config;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the messaging library ({@code platform.messaging.*}).
 *
 * @param producer name written into every envelope; defaults to spring.application.name
 */
@ConfigurationProperties("platform.messaging")
public record MessagingProperties(
        String producer,
        @DefaultValue Relay relay,
        @DefaultValue Consumer consumer) {

    /**
     * @param batchSize rows one relay pass locks and publishes
     * @param pollInterval how often the relay looks for due rows when nothing woke it
     * @param confirmTimeout how long to wait for the broker's confirm of a batch
     * @param maxAttempts attempts before a row is marked FAILED
     * @param initialBackoff wait after the first failed attempt; doubles up to maxBackoff
     * @param retention how long SENT rows are kept before they are purged
     * @param backlogAlarm outbox health is DOWN when the oldest pending row is older
     */
    public record Relay(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("500") int batchSize,
            @DefaultValue("500ms") Duration pollInterval,
            @DefaultValue("10s") Duration confirmTimeout,
            @DefaultValue("10") int maxAttempts,
            @DefaultValue("1s") Duration initialBackoff,
            @DefaultValue("5m") Duration maxBackoff,
            @DefaultValue("1d") Duration retention,
            @DefaultValue("5m") Duration backlogAlarm) {
    }

    /**
     * @param retryDelays the delay tiers of transient failures; after the last, dead-letter
     * @param deliveryLimit broker-side redelivery limit of a consumer queue (crash loops)
     * @param processingTtl how long a Redis PROCESSING claim holds when its holder dies
     * @param doneTtl how long Redis remembers a processed message (the inbox remembers for good)
     */
    public record Consumer(
            @DefaultValue("1s,10s,60s") List<Duration> retryDelays,
            @DefaultValue("5") int deliveryLimit,
            @DefaultValue("30s") Duration processingTtl,
            @DefaultValue("7d") Duration doneTtl,
            @DefaultValue("true") boolean autoStartup) {
    }
}
