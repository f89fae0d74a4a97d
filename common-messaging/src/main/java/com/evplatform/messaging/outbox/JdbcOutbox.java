package com.evplatform.messaging.outbox;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import com.evplatform.messaging.Envelope;
import com.evplatform.contract.ExchangeDefinition;
import com.evplatform.messaging.Outbox;
import com.evplatform.messaging.OutgoingMessage;
import com.evplatform.messaging.support.EnvelopeCodec;
import com.evplatform.messaging.support.MessageIds;
import com.evplatform.messaging.support.TraceContext;

/** Writes messages to the outbox table in the caller's transaction and wakes the relay after commit. */
public class JdbcOutbox implements Outbox {

    private static final Object WAKE_UP_REGISTERED = new Object();

    private final OutboxRepository repository;
    private final EnvelopeCodec codec;
    private final Map<String, ExchangeDefinition> exchanges;
    private final String producer;
    private final Runnable wakeRelay;
    private final Clock clock;

    public JdbcOutbox(OutboxRepository repository, EnvelopeCodec codec, Map<String, ExchangeDefinition> exchanges,
            String producer, Runnable wakeRelay, Clock clock) {
        this.repository = repository;
        this.codec = codec;
        this.exchanges = Map.copyOf(exchanges);
        this.producer = producer;
        this.wakeRelay = wakeRelay;
        this.clock = clock;
    }

    @Override
    public Envelope publish(OutgoingMessage message) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("Outbox.publish must run inside the transaction of the change it reports");
        }
        ExchangeDefinition exchange = exchanges.get(message.exchange());
        if (exchange == null) {
            throw new IllegalArgumentException("exchange " + message.exchange() + " is not declared by this service");
        }
        String routingKey = routingKey(exchange, message);
        String target = message.delay() == null ? exchange.name() : exchange.delayExchange(message.delay());

        Instant now = clock.instant();
        long version = repository.nextAggregateVersion(message.aggregateId());
        var envelope = new Envelope(MessageIds.next(), message.type(), message.schemaVersion(), now, producer,
                message.aggregateId(), version, TraceContext.currentOrNew(), codec.toTree(message.payload()));
        repository.insert(envelope.messageId().toString(), message.aggregateId(), target, routingKey, message.type(), codec.encode(envelope),
                now);
        wakeRelayAfterCommit();
        return envelope;
    }

    private static String routingKey(ExchangeDefinition exchange, OutgoingMessage message) {
        if (message.routingKey() != null) {
            return message.routingKey();
        }
        if (exchange.kind() == ExchangeDefinition.Kind.DIRECT) {
            throw new IllegalArgumentException("a message to direct exchange " + exchange.name()
                    + " needs an explicit routing key");
        }
        return exchange.routingKey(message.type(), message.partitionKey());
    }

    private void wakeRelayAfterCommit() {
        if (TransactionSynchronizationManager.hasResource(WAKE_UP_REGISTERED)) {
            return;
        }
        TransactionSynchronizationManager.bindResource(WAKE_UP_REGISTERED, Boolean.TRUE);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                wakeRelay.run();
            }

            @Override
            public void afterCompletion(int status) {
                TransactionSynchronizationManager.unbindResourceIfPossible(WAKE_UP_REGISTERED);
            }
        });
    }
}
