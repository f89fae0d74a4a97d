package com.evplatform.messaging.it;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import com.evplatform.messaging.ConsumerDefinition;
import com.evplatform.contract.ExchangeDefinition;
import com.evplatform.contract.MessageType;
import com.evplatform.messaging.ReturnDefinition;
import com.evplatform.messaging.InboundMessage;
import com.evplatform.messaging.PermanentMessageException;

/**
 * A small service using the library the way the platform's services do, for the fault
 * tests. Also started as a separate JVM by the crash test.
 */
@SpringBootApplication
public class MessagingTestApplication {

    public static final ExchangeDefinition EVENTS = ExchangeDefinition.topic("it.events", 4, Duration.ofSeconds(2));
    public static final ExchangeDefinition UNROUTED = ExchangeDefinition.topic("it.unrouted", 1);

    public static final ExchangeDefinition COMMANDS = ExchangeDefinition.direct("it.commands");
    public static final String COMMAND = "it.command";

    public static final String COUNTED = "it.counted";
    public static final String ORDERED = "it.ordered";
    public static final String DELAYED = "it.delayed";
    public static final String FRAGILE = "it.fragile";
    public static final String CRASHABLE = "it.crashable";
    public static final MessageType<TestEvent> BATCHED = MessageType.of("it.batched", TestEvent.class);

    public static void main(String[] args) {
        SpringApplication.run(MessagingTestApplication.class, args);
    }

    @Bean
    ExchangeDefinition events() {
        return EVENTS;
    }

    @Bean
    ExchangeDefinition unrouted() {
        return UNROUTED;
    }

    @Bean
    ExchangeDefinition commands() {
        return COMMANDS;
    }

    /** Commands reach the instance that holds their routing key... */
    @Bean
    ConsumerDefinition routedConsumer(EffectRecorder effects) {
        return ConsumerDefinition.named("it.routed").from(COMMANDS)
                .on(COMMAND, TestEvent.class, message -> effects.record("it.routed", message))
                .perInstance()
                .build();
    }

    /** ...and come back to the producer when no instance holds it. */
    @Bean
    ReturnDefinition<TestEvent> returnedCommands(EffectRecorder effects) {
        return ReturnDefinition.on(COMMAND, TestEvent.class, message -> effects.record("it.returned", message));
    }

    @Bean
    TestBehaviour testBehaviour(@Value("${it.stalling-key:}") String stallingKey,
            @Value("${it.stalling-after-commit-key:}") String stallingAfterCommitKey) {
        return new TestBehaviour(stallingKey, stallingAfterCommitKey);
    }

    @Bean
    EffectRecorder effectRecorder(JdbcTemplate jdbc) {
        return new EffectRecorder(jdbc);
    }

    @Bean
    ConsumerDefinition countingConsumer(EffectRecorder effects) {
        return ConsumerDefinition.named("it.counting").from(EVENTS)
                .on(COUNTED, TestEvent.class, message -> effects.record("it.counting", message))
                .on(DELAYED, TestEvent.class, message -> effects.record("it.counting", message))
                .prefetch(250)
                .build();
    }

    @Bean
    ConsumerDefinition orderedConsumer(EffectRecorder effects) {
        return ConsumerDefinition.named("it.ordering").from(EVENTS)
                .on(ORDERED, TestEvent.class, message -> effects.record("it.ordering", message))
                .ordered(ConsumerDefinition.GapPolicy.REPORT)
                .prefetch(250)
                .build();
    }

    @Bean
    ConsumerDefinition fragileConsumer(EffectRecorder effects, TestBehaviour behaviour) {
        return ConsumerDefinition.named("it.fragile").from(EVENTS)
                .on(FRAGILE, TestEvent.class, message -> {
                    if (behaviour.brokenKeys.contains(message.payload().key())) {
                        throw new IllegalStateException("handler bug for key " + message.payload().key());
                    }
                    if ("permanent".equals(message.payload().note())) {
                        throw new PermanentMessageException("this message can never be applied");
                    }
                    effects.record("it.fragile", message);
                })
                .build();
    }

    @Bean
    ConsumerDefinition crashableConsumer(EffectRecorder effects, TestBehaviour behaviour,
            StringRedisTemplate redis) {
        return ConsumerDefinition.named("it.crashable").from(EVENTS)
                .on(CRASHABLE, TestEvent.class, message -> {
                    effects.record("it.crashable", message);
                    String key = message.payload().key();
                    if (behaviour.stallingKeys.contains(key)) {
                        // Tell the test we are mid-message (effect written, not committed), then stall.
                        redis.opsForValue().set("it:stalled:" + key, "1", Duration.ofMinutes(5));
                        sleep(Duration.ofMinutes(5));
                    }
                    if (behaviour.stallingAfterCommitKeys.contains(key)) {
                        // Committed, not yet acked: the window where only the inbox prevents a second effect.
                        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                            @Override
                            public void afterCommit() {
                                redis.opsForValue().set("it:stalled:" + key, "1", Duration.ofMinutes(5));
                                sleep(Duration.ofMinutes(5));
                            }
                        });
                    }
                })
                .build();
    }

    /**
     * Applies messages in batches. A message noted "poison" fails whichever batch holds it (and
     * itself alone); a key in {@link TestBehaviour#connectionLostAfterCommitKeys} makes the
     * consumer lose its broker connection right after its batch committed, before the ack.
     */
    @Bean
    ConsumerDefinition batchingConsumer(EffectRecorder effects, TestBehaviour behaviour,
            CachingConnectionFactory connectionFactory) {
        return ConsumerDefinition.named("it.batching").from(EVENTS)
                .accepting(BATCHED)
                .inBatches(200, Duration.ofMillis(200), messages -> {
                    List<TestEvent> events = messages.stream().map(message -> (TestEvent) message.payload()).toList();
                    behaviour.batches.add(events.stream().map(TestEvent::key).toList());
                    if (events.stream().anyMatch(event -> "poison".equals(event.note()))) {
                        throw new PermanentMessageException("a poison message in the batch");
                    }
                    effects.recordAll("it.batching", messages);
                    events.stream().map(TestEvent::key).filter(behaviour.connectionLostAfterCommitKeys::contains)
                            .findFirst().ifPresent(key -> TransactionSynchronizationManager.registerSynchronization(
                                    new TransactionSynchronization() {
                                        @Override
                                        public void afterCommit() {
                                            connectionFactory.resetConnection();
                                            behaviour.connectionLostAfterCommitKeys.remove(key);
                                        }
                                    }));
                })
                .build();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Writes one row per applied message, in the handler's transaction. */
    public static class EffectRecorder {
        private final JdbcTemplate jdbc;

        EffectRecorder(JdbcTemplate jdbc) {
            this.jdbc = jdbc;
        }

        void record(String consumer, InboundMessage<TestEvent> message) {
            recordAll(consumer, List.of(message));
        }

        void recordAll(String consumer, List<? extends InboundMessage<?>> messages) {
            jdbc.batchUpdate("INSERT INTO test_effect (consumer, run_id, message_id, aggregate_id, version, "
                    + "occurred_at, applied_at) VALUES (?, ?, ?, ?, ?, ?, ?)", messages.stream().map(message -> {
                        var envelope = message.envelope();
                        return new Object[] {consumer, ((TestEvent) message.payload()).runId(),
                            envelope.messageId().toString(), envelope.aggregateId(), envelope.aggregateVersion(),
                            java.sql.Timestamp.from(envelope.occurredAt()),
                            java.sql.Timestamp.from(java.time.Instant.now())};
                    }).toList());
        }

        public long count(String consumer, String runId) {
            return jdbc.queryForObject("SELECT COUNT(*) FROM test_effect WHERE consumer = ? AND run_id = ?", Long.class,
                    consumer, runId);
        }

        public long distinctMessages(String consumer, String runId) {
            return jdbc.queryForObject("SELECT COUNT(DISTINCT message_id) FROM test_effect WHERE consumer = ? "
                    + "AND run_id = ?", Long.class, consumer, runId);
        }
    }

    public static String newRunId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
