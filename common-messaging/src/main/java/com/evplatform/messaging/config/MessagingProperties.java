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
        @DefaultValue Consumer consumer,
        @DefaultValue Retention retention) {

    /**
     * @param batchSize rows one relay pass locks and publishes
     * @param pollInterval how often the relay looks for due rows when nothing woke it
     * @param confirmTimeout how long to wait for the broker's confirm of a batch
     * @param maxAttempts attempts before a row is marked FAILED
     * @param initialBackoff wait after the first failed attempt; doubles up to maxBackoff
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
            @DefaultValue("5m") Duration backlogAlarm) {
    }

    /**
     * @param retryDelays the delay tiers of transient failures; after the last, dead-letter
     * @param deliveryLimit broker-side redelivery limit of a consumer queue (crash loops)
     * @param processingTtl how long a Redis PROCESSING claim holds when its holder dies
     * @param doneTtl how long Redis remembers a processed message: far beyond the retry tiers and
     *        the relay's backoff, when duplicates come; after it the inbox still drops them
     */
    public record Consumer(
            @DefaultValue("1s,10s,60s") List<Duration> retryDelays,
            @DefaultValue("5") int deliveryLimit,
            @DefaultValue("30s") Duration processingTtl,
            @DefaultValue("1d") Duration doneTtl,
            @DefaultValue("true") boolean autoStartup) {
    }

    /**
     * How long the library's tables keep what is done, and how it purges them: every
     * {@code interval}, in deletes of at most {@code batchSize} rows, each its own transaction.
     *
     * @param inbox how long a consumer remembers an applied message in the database, the
     *        authority against duplicates: longer than a duplicate can come (a consumer offline
     *        that long, or an admin retrying a FAILED outbox row, so at least failedOutbox)
     * @param sentOutbox how long SENT and RETURNED outbox rows are kept
     * @param failedOutbox how long FAILED outbox rows wait for an admin's retry before they go
     */
    public record Retention(
            @DefaultValue("30d") Duration inbox,
            @DefaultValue("1d") Duration sentOutbox,
            @DefaultValue("30d") Duration failedOutbox,
            @DefaultValue("5m") Duration interval,
            @DefaultValue("5000") int batchSize) {

        public Retention {
            if (inbox.compareTo(failedOutbox) < 0) {
                throw new IllegalArgumentException("platform.messaging.retention.inbox (" + inbox
                        + ") must be at least failed-outbox (" + failedOutbox + "): a FAILED row retried by an admin"
                        + " may carry a message its consumers applied already");
            }
        }
    }
}
