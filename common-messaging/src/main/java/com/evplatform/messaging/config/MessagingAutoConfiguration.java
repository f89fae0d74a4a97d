package com.evplatform.messaging.config;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.listener.api.ChannelAwareMessageListener;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationInitializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.DependsOn;
import org.springframework.context.annotation.Import;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import com.evplatform.messaging.ConsumerDefinition;
import com.evplatform.contract.ExchangeDefinition;
import com.evplatform.messaging.InstanceRoutes;
import com.evplatform.messaging.Outbox;
import com.evplatform.messaging.ReturnDefinition;
import com.evplatform.messaging.admin.MessagingAdminConfiguration;
import com.evplatform.messaging.admin.MessagingOperations;
import com.evplatform.messaging.consumer.BatchListener;
import com.evplatform.messaging.consumer.ConsumerContainers;
import com.evplatform.messaging.consumer.ConsumerPositions;
import com.evplatform.messaging.consumer.DeadLetterArchiver;
import com.evplatform.messaging.consumer.DeadLetterStore;
import com.evplatform.messaging.consumer.IdempotencyGuard;
import com.evplatform.messaging.consumer.InboxRepository;
import com.evplatform.messaging.consumer.QueueDepths;
import com.evplatform.messaging.consumer.ReliableListener;
import com.evplatform.messaging.consumer.RetryPublisher;
import com.evplatform.messaging.outbox.JdbcOutbox;
import com.evplatform.messaging.outbox.OutboxHealthIndicator;
import com.evplatform.messaging.outbox.OutboxRelay;
import com.evplatform.messaging.outbox.OutboxRepository;
import com.evplatform.messaging.retention.RetentionPurge;
import com.evplatform.messaging.support.EnvelopeCodec;
import com.evplatform.messaging.support.MessagingMetrics;
import com.evplatform.messaging.topology.TopologyFactory;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import tools.jackson.databind.json.JsonMapper;

/**
 * Wires the messaging library into a service: the service declares {@link ExchangeDefinition}
 * and {@link ConsumerDefinition} beans, and gets an {@link Outbox}, a relay, consumers, the
 * topology, metrics, an outbox health indicator, the retention purge and the admin endpoints.
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.amqp.autoconfigure.RabbitAutoConfiguration",
        "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration",
        "org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration",
        "org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration",
        "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration",
        "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration",
        "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration"})
@EnableConfigurationProperties(MessagingProperties.class)
@Import(MessagingAdminConfiguration.class)
public class MessagingAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock messagingClock() {
        return Clock.systemUTC();
    }

    @Bean
    MessagingSchemaMigration messagingSchemaMigration(DataSource dataSource,
            ObjectProvider<FlywayMigrationInitializer> serviceMigrations) {
        return new MessagingSchemaMigration(dataSource, serviceMigrations);
    }

    @Bean
    EnvelopeCodec envelopeCodec(ObjectProvider<JsonMapper> jsonMapper) {
        return new EnvelopeCodec(jsonMapper.getIfAvailable(() -> JsonMapper.builder().build()));
    }

    @Bean
    MessagingMetrics messagingMetrics(ObjectProvider<MeterRegistry> registry) {
        return new MessagingMetrics(registry.getIfAvailable(SimpleMeterRegistry::new));
    }

    /**
     * Read-committed: the relay's SKIP LOCKED scan then takes no gap locks that would block
     * producers. Wrapped, not a TransactionTemplate bean, so the service's own stays the default.
     */
    @Bean
    MessagingTransactions messagingTransactions(PlatformTransactionManager transactionManager) {
        var template = new TransactionTemplate(transactionManager);
        template.setIsolationLevel(TransactionDefinition.ISOLATION_READ_COMMITTED);
        return new MessagingTransactions(template);
    }

    /** Holder of the library's transaction template. */
    public record MessagingTransactions(TransactionTemplate template) {
    }

    @Bean
    @DependsOn("messagingSchemaMigration")
    OutboxRepository outboxRepository(JdbcTemplate jdbc) {
        return new OutboxRepository(jdbc);
    }

    /**
     * The library's own template: mandatory, correlated confirms, on the publisher connection.
     * Wrapped rather than a bean of its own so a service's {@code RabbitTemplate} injection
     * stays unambiguous.
     */
    @Bean
    ConfirmingPublisher messagingPublisher(ConnectionFactory connectionFactory) {
        var template = new RabbitTemplate(connectionFactory);
        template.setMandatory(true);
        template.setUsePublisherConnection(true);
        return new ConfirmingPublisher(template);
    }

    /** Holder of the library's confirming template. */
    public record ConfirmingPublisher(RabbitTemplate template) {
    }

    @Bean
    OutboxRelay outboxRelay(OutboxRepository repository, ConfirmingPublisher messagingPublisher,
            MessagingTransactions messagingTransactions, MessagingProperties properties, MessagingMetrics metrics,
            Clock clock, ObjectProvider<ReturnDefinition<?>> returnHandlers, EnvelopeCodec codec) {
        return new OutboxRelay(repository, messagingPublisher.template(), messagingTransactions.template(),
                properties.relay(), metrics, clock, () -> returnHandlers.orderedStream().toList(), codec) {
            @Override
            public boolean isAutoStartup() {
                return properties.relay().enabled();
            }
        };
    }

    @Bean
    @ConditionalOnMissingBean(Outbox.class)
    JdbcOutbox outbox(OutboxRepository repository, EnvelopeCodec codec, ObjectProvider<ExchangeDefinition> exchanges,
            MessagingProperties properties, @Value("${spring.application.name:unknown}") String applicationName,
            OutboxRelay relay, Clock clock) {
        Map<String, ExchangeDefinition> byName = exchanges.orderedStream()
                .collect(Collectors.toMap(ExchangeDefinition::name, Function.identity(), (a, b) -> a));
        String producer = properties.producer() != null ? properties.producer() : applicationName;
        return new JdbcOutbox(repository, codec, byName, producer, relay::wakeUp, clock);
    }

    @Bean
    OutboxHealthIndicator outboxHealthIndicator(OutboxRepository repository, MessagingProperties properties,
            Clock clock) {
        return new OutboxHealthIndicator(repository, properties.relay().backlogAlarm(), clock);
    }

    @Bean
    RetentionPurge retentionPurge(InboxRepository inbox, OutboxRepository outbox,
            MessagingTransactions messagingTransactions, MessagingProperties properties, MessagingMetrics metrics,
            Clock clock) {
        return new RetentionPurge(inbox, outbox, messagingTransactions.template(), properties.retention(), metrics,
                clock);
    }

    @Bean
    Declarables messagingTopology(ObjectProvider<ExchangeDefinition> exchanges,
            ObjectProvider<ConsumerDefinition> consumers, MessagingProperties properties) {
        // A consumer's source exchange is declared too: whichever service starts first creates it.
        List<ConsumerDefinition> consumerList = consumers.orderedStream().toList();
        List<ExchangeDefinition> all = Stream.concat(exchanges.orderedStream(), consumerList.stream()
                .map(ConsumerDefinition::source)).distinct().toList();
        return TopologyFactory.declarables(all, consumerList, properties.consumer().retryDelays(),
                properties.consumer().deliveryLimit());
    }

    @Bean
    IdempotencyGuard idempotencyGuard(StringRedisTemplate redis, MessagingProperties properties) {
        var breaker = CircuitBreaker.of("redis-idempotency", CircuitBreakerConfig.custom()
                .slidingWindowSize(10)
                .minimumNumberOfCalls(3)
                .failureRateThreshold(50)
                .waitDurationInOpenState(java.time.Duration.ofSeconds(5))
                .build());
        return new IdempotencyGuard(redis, breaker, properties.consumer().processingTtl(),
                properties.consumer().doneTtl());
    }

    @Bean
    @DependsOn("messagingSchemaMigration")
    InboxRepository inboxRepository(JdbcTemplate jdbc) {
        return new InboxRepository(jdbc);
    }

    @Bean
    ConsumerPositions consumerPositions(JdbcTemplate jdbc) {
        return new ConsumerPositions(jdbc);
    }

    @Bean
    @DependsOn("messagingSchemaMigration")
    DeadLetterStore deadLetterStore(JdbcTemplate jdbc) {
        return new DeadLetterStore(jdbc);
    }

    @Bean
    RetryPublisher retryPublisher(ConfirmingPublisher messagingPublisher, MessagingProperties properties) {
        return new RetryPublisher(messagingPublisher.template(), properties.relay().confirmTimeout());
    }

    @Bean
    ConsumerContainers consumerContainers(ConnectionFactory connectionFactory,
            ObjectProvider<ConsumerDefinition> consumers,
            EnvelopeCodec codec, IdempotencyGuard guard, InboxRepository inbox, ConsumerPositions positions,
            DeadLetterStore deadLetters, RetryPublisher retries, MessagingTransactions messagingTransactions,
            MessagingMetrics metrics, MessagingProperties properties, Clock clock) {
        Function<ConsumerDefinition, ReliableListener> oneAtATime = definition -> new ReliableListener(definition,
                codec, guard, inbox, positions, deadLetters, retries, messagingTransactions.template(), metrics,
                definition.perInstance() ? List.of() : properties.consumer().retryDelays(), clock);
        Function<ConsumerDefinition, ChannelAwareMessageListener> listeners = definition -> definition.batched()
                ? new BatchListener(definition, oneAtATime.apply(definition), codec, inbox,
                        messagingTransactions.template(), metrics, clock)
                : oneAtATime.apply(definition);
        return new ConsumerContainers(connectionFactory, consumers.orderedStream().toList(), listeners,
                new DeadLetterArchiver(deadLetters, metrics, clock), properties.consumer().autoStartup());
    }

    /** Every 15 s, a Prometheus scrape's usual interval: how many messages wait in each consumed queue. */
    @Bean
    QueueDepths queueDepths(AmqpAdmin admin, ObjectProvider<ConsumerDefinition> consumers, MessagingMetrics metrics) {
        return new QueueDepths(admin, consumers.orderedStream().toList(), metrics, java.time.Duration.ofSeconds(15));
    }

    @Bean
    InstanceRoutes instanceRoutes(AmqpAdmin admin, ConnectionFactory connectionFactory,
            ObjectProvider<ConsumerDefinition> consumers) {
        return new InstanceRoutes(admin, connectionFactory, () -> consumers.orderedStream()
                .filter(ConsumerDefinition::perInstance).toList());
    }

    @Bean
    MessagingOperations messagingOperations(DeadLetterStore deadLetters, OutboxRepository outbox,
            MessagingTransactions messagingTransactions, OutboxRelay relay, Clock clock) {
        return new MessagingOperations(deadLetters, outbox, messagingTransactions.template(), relay::wakeUp, clock);
    }
}
