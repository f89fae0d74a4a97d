package com.evplatform.messaging.consumer;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.AmqpIOException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.listener.api.ChannelAwareBatchMessageListener;
import org.springframework.transaction.support.TransactionTemplate;

import com.evplatform.messaging.ConsumerDefinition;
import com.evplatform.messaging.ConsumerDefinition.HandlerBinding;
import com.evplatform.messaging.Envelope;
import com.evplatform.messaging.InboundMessage;
import com.evplatform.messaging.VersionCheck;
import com.evplatform.messaging.support.EnvelopeCodec;
import com.evplatform.messaging.support.EnvelopeCodec.UndecodableMessageException;
import com.evplatform.messaging.support.MessagingMetrics;
import com.evplatform.messaging.support.TraceContext;
import com.rabbitmq.client.Channel;

/**
 * Runs a {@linkplain ConsumerDefinition#batched() batched} consumer: the messages the container
 * gathered into a batch are applied in one DB transaction and acked together.
 *
 * <ol>
 * <li>decode each; a message that does not decode, or of a kind the consumer does not accept,
 *     goes alone through the per-message path, which dead-letters it. So does a message being
 *     retried: it failed alone before and would likely fail the batch again;
 * <li>in one transaction: which of the messages the inbox holds already (one query), inbox
 *     rows for the others (one insert, which fails on a concurrent delivery of the same
 *     message), then the batch handler with those, each once, in delivery order;
 * <li>after commit: one ack for the batch.
 * </ol>
 *
 * <p>No Redis claim: the inbox alone keeps each effect to one (ADR 12). When the database is
 * unreachable, the batch is handed back to the broker after a pause. Any other failure rolls
 * the batch back, and the consumer's {@link ReliableListener} applies it again one message at
 * a time, so only a message that fails alone is retried or dead-lettered. Each message is acked
 * (or handed back) once: by the batch's ack or nack, or by the per-message path, never both.
 */
public class BatchListener implements ChannelAwareBatchMessageListener {

    private static final Logger log = LoggerFactory.getLogger(BatchListener.class);

    /** A message of the batch and what it decoded to. */
    private record Delivery(Message message, InboundMessage<?> inbound) {
        UUID messageId() {
            return inbound.envelope().messageId();
        }
    }

    private final ConsumerDefinition definition;
    private final ReliableListener oneAtATime;
    private final EnvelopeCodec codec;
    private final InboxRepository inbox;
    private final TransactionTemplate transactions;
    private final MessagingMetrics metrics;
    private final Clock clock;

    /**
     * @param oneAtATime the per-message listener of the same definition, for what a batch cannot
     *        take and for a batch that failed; it shares this consumer's inbox (a batched consumer
     *        is never per-instance, so both count message ids under the consumer's name)
     */
    public BatchListener(ConsumerDefinition definition, ReliableListener oneAtATime, EnvelopeCodec codec,
            InboxRepository inbox, TransactionTemplate transactions, MessagingMetrics metrics, Clock clock) {
        if (!definition.batched()) {
            throw new IllegalArgumentException(definition.name() + " is not batched");
        }
        this.definition = definition;
        this.oneAtATime = oneAtATime;
        this.codec = codec;
        this.inbox = inbox;
        this.transactions = transactions;
        this.metrics = metrics;
        this.clock = clock;
    }

    @Override
    public void onMessageBatch(List<Message> messages, Channel channel) {
        List<Delivery> batch = new ArrayList<>(messages.size());
        for (Message message : messages) {
            Delivery delivery = decode(message);
            if (delivery == null || delivery.inbound().attempt() > 0) {
                alone(message, channel);
            } else {
                batch.add(delivery);
            }
        }
        if (batch.isEmpty()) {
            return;
        }
        long lastTag = batch.getLast().message().getMessageProperties().getDeliveryTag();
        List<Delivery> fresh;
        // One trace for the batch: its first message's.
        TraceContext.set(TraceContext.childOf(batch.getFirst().inbound().envelope().traceparent()));
        try {
            fresh = transactions.execute(status -> apply(batch));
        } catch (RuntimeException | Error e) {
            recover(batch, channel, lastTag, e);
            return;
        } finally {
            TraceContext.clear();
        }
        try {
            channel.basicAck(lastTag, true);
        } catch (IOException e) {
            // Committed but not acked: the broker redelivers the batch, and the inbox drops it.
            throw new AmqpIOException(e);
        }
        metrics.consumed(definition.name(), fresh.size());
        metrics.duplicatesDropped(definition.name(), batch.size() - fresh.size());
    }

    /** The message decoded for the batch handler, or null when it does not decode or is of no accepted kind. */
    private Delivery decode(Message message) {
        try {
            Envelope envelope = codec.decode(message.getBody());
            HandlerBinding<?> binding = definition.handlers().get(envelope.type());
            if (binding == null) {
                return null;
            }
            Object payload = codec.payload(envelope, binding.payloadType());
            return new Delivery(message, new InboundMessage<>(envelope, payload, VersionCheck.NOT_CHECKED,
                    RetryPublisher.attemptOf(message.getMessageProperties())));
        } catch (UndecodableMessageException e) {
            return null;
        }
    }

    /** @return the messages applied: those the inbox did not hold, each once */
    private List<Delivery> apply(List<Delivery> batch) {
        Map<UUID, Delivery> unique = new LinkedHashMap<>();
        batch.forEach(delivery -> unique.putIfAbsent(delivery.messageId(), delivery));
        Set<UUID> applied = inbox.recorded(definition.name(), unique.keySet());
        List<Delivery> fresh = unique.values().stream().filter(delivery -> !applied.contains(delivery.messageId()))
                .toList();
        if (!fresh.isEmpty()) {
            inbox.recordAll(definition.name(), fresh.stream().map(Delivery::messageId).toList(), clock.instant());
            definition.batchHandler().handle(fresh.stream().<InboundMessage<?>>map(Delivery::inbound).toList());
        }
        return fresh;
    }

    private void recover(List<Delivery> batch, Channel channel, long lastTag, Throwable failure) {
        if (Outage.ofDatabase(failure)) {
            log.warn("{} cannot reach its database for a batch of {}, hands it back: {}", definition.name(),
                    batch.size(), failure.toString());
            Outage.pause();
            try {
                channel.basicNack(lastTag, true, true);
            } catch (IOException e) {
                throw new AmqpIOException(e);
            }
            metrics.requeued(definition.name(), batch.size());
            return;
        }
        log.warn("{} failed on a batch of {}, applies it one message at a time: {}", definition.name(), batch.size(),
                failure.toString());
        batch.forEach(delivery -> alone(delivery.message(), channel));
    }

    /** The per-message path: claim, inbox, handler with a list of one, retry tiers, dead letters; it acks. */
    private void alone(Message message, Channel channel) {
        try {
            oneAtATime.onMessage(message, channel);
        } catch (IOException e) {
            throw new AmqpIOException(e);
        }
    }
}
