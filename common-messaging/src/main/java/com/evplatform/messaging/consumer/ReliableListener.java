package com.evplatform.messaging.consumer;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.listener.api.ChannelAwareMessageListener;
import org.springframework.transaction.support.TransactionTemplate;

import com.evplatform.messaging.ConsumerDefinition;
import com.evplatform.messaging.ConsumerDefinition.HandlerBinding;
import com.evplatform.messaging.Envelope;
import com.evplatform.messaging.InboundMessage;
import com.evplatform.messaging.MessageHandler;
import com.evplatform.messaging.PermanentMessageException;
import com.evplatform.messaging.VersionCheck;
import com.evplatform.messaging.support.EnvelopeCodec;
import com.evplatform.messaging.support.EnvelopeCodec.UndecodableMessageException;
import com.evplatform.messaging.support.MessagingMetrics;
import com.evplatform.messaging.support.TraceContext;
import com.rabbitmq.client.Channel;

/**
 * Runs one consumer's handlers with the guarantees of the messaging contract:
 *
 * <ol>
 * <li>decode; an undecodable message or unknown type is poison: dead-lettered at once;
 * <li>claim the message in Redis; DONE means duplicate (ack, drop), BUSY means another
 *     consumer holds it (retry later);
 * <li>in one DB transaction: inbox row (a duplicate stops here), version check for ordered
 *     consumers, the handler's effect;
 * <li>after commit: Redis DONE, then ack. Failures: transient ones go to the next retry tier,
 *     permanent ones and the last tier to the dead letters; the original is acked only after
 *     the copy is safely elsewhere.
 * </ol>
 */
public class ReliableListener implements ChannelAwareMessageListener {

    private static final Logger log = LoggerFactory.getLogger(ReliableListener.class);
    private static final int MAX_UNCOUNTED_RETRIES = 60;

    private enum Result { APPLIED, DUPLICATE }

    /** A message of an ordered consumer waiting for the one before it. */
    private static final class ParkedException extends RuntimeException {
        ParkedException(String message) {
            super(message, null, false, false);
        }
    }

    private final ConsumerDefinition definition;
    private final EnvelopeCodec codec;
    private final IdempotencyGuard guard;
    private final InboxRepository inbox;
    private final ConsumerPositions positions;
    private final DeadLetterStore deadLetters;
    private final RetryPublisher retries;
    private final TransactionTemplate transactions;
    private final MessagingMetrics metrics;
    private final List<Duration> retryDelays;
    private final Clock clock;
    /**
     * Whose message ids the Redis claim and the inbox count: the consumer's name, or for a
     * per-instance consumer its own queue. Each instance holding a routing key gets its own
     * copy of a message and must judge it itself (it may not hold the charger any more).
     */
    private final String idempotencyScope;

    public ReliableListener(ConsumerDefinition definition, EnvelopeCodec codec, IdempotencyGuard guard,
            InboxRepository inbox, ConsumerPositions positions, DeadLetterStore deadLetters, RetryPublisher retries,
            TransactionTemplate transactions, MessagingMetrics metrics, List<Duration> retryDelays, Clock clock) {
        this.definition = definition;
        this.codec = codec;
        this.guard = guard;
        this.inbox = inbox;
        this.positions = positions;
        this.deadLetters = deadLetters;
        this.retries = retries;
        this.transactions = transactions;
        this.metrics = metrics;
        this.retryDelays = List.copyOf(retryDelays);
        this.clock = clock;
        this.idempotencyScope = definition.perInstance() ? definition.queueNames().getFirst() : definition.name();
    }

    @Override
    public void onMessage(Message message, Channel channel) throws IOException {
        MessageProperties properties = message.getMessageProperties();
        long tag = properties.getDeliveryTag();
        String queue = properties.getConsumerQueue();
        int attempt = RetryPublisher.attemptOf(properties);
        String consumer = idempotencyScope;

        Envelope envelope;
        HandlerBinding<?> binding;
        Object payload;
        try {
            envelope = codec.decode(message.getBody());
            binding = definition.handlers().get(envelope.type());
            if (binding == null) {
                deadLetter(message, channel, queue, envelope.messageId().toString(), envelope.type(),
                        consumer + " has no handler for message type " + envelope.type());
                return;
            }
            payload = codec.payload(envelope, binding.payloadType());
        } catch (UndecodableMessageException e) {
            deadLetter(message, channel, queue, fallbackId(properties, message.getBody()), properties.getType(), e.getMessage());
            return;
        }

        UUID messageId = envelope.messageId();
        switch (guard.claim(consumer, messageId)) {
            case DONE -> {
                metrics.duplicateDropped(definition.name());
                channel.basicAck(tag, false);
                return;
            }
            case BUSY -> {
                retryWithoutCounting(message, channel, queue, envelope, attempt, RetryPublisher.BUSY_HEADER,
                        "being processed by another consumer");
                return;
            }
            case UNAVAILABLE -> metrics.idempotencyStoreUnavailable(definition.name());
            case CLAIMED -> {
                // go on
            }
        }

        TraceContext.set(TraceContext.childOf(envelope.traceparent()));
        try {
            Result result = transactions.execute(status -> apply(envelope, binding, payload, attempt));
            if (result == Result.DUPLICATE) {
                metrics.duplicateDropped(definition.name());
            } else {
                metrics.consumed(definition.name());
            }
            guard.markDone(consumer, messageId);
            channel.basicAck(tag, false);
        } catch (ParkedException e) {
            guard.release(consumer, messageId);
            retryLater(message, channel, queue, envelope, attempt, e.getMessage());
        } catch (PermanentMessageException e) {
            guard.release(consumer, messageId);
            deadLetter(message, channel, queue, messageId.toString(), envelope.type(), describe(e));
        } catch (RuntimeException e) {
            guard.release(consumer, messageId);
            if (Outage.ofDatabase(e)) {
                log.warn("{} cannot reach its database for {} {}: {}", consumer, envelope.type(), messageId,
                        e.toString());
                retryWithoutCounting(message, channel, queue, envelope, attempt, RetryPublisher.OUTAGE_HEADER,
                        "database unavailable: " + describe(e));
            } else {
                log.warn("{} failed on {} {} (attempt {}): {}", consumer, envelope.type(), messageId, attempt,
                        e.toString());
                retryLater(message, channel, queue, envelope, attempt, describe(e));
            }
        } catch (Error e) {
            // Even an Error must not leave the message unacked, holding its partition.
            guard.release(consumer, messageId);
            log.error("{} failed hard on {} {}", consumer, envelope.type(), messageId, e);
            retryLater(message, channel, queue, envelope, attempt, describe(e));
        } finally {
            TraceContext.clear();
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Result apply(Envelope envelope, HandlerBinding<?> binding, Object payload, int attempt) {
        String consumer = idempotencyScope;
        if (!inbox.record(consumer, envelope.messageId(), clock.instant())) {
            return Result.DUPLICATE;
        }
        VersionCheck check = VersionCheck.NOT_CHECKED;
        if (definition.ordered()) {
            check = positions.check(consumer, envelope.aggregateId(), envelope.aggregateVersion());
            if (check == VersionCheck.GAP) {
                boolean park = definition.gapPolicy() == ConsumerDefinition.GapPolicy.PARK
                        && attempt < retryDelays.size();
                if (attempt == 0 || !park) {
                    metrics.gap(consumer);
                }
                if (park) {
                    throw new ParkedException("version " + envelope.aggregateVersion() + " of "
                            + envelope.aggregateId() + " arrived before the one it follows");
                }
            } else if (check == VersionCheck.STALE) {
                metrics.stale(consumer);
            }
            if (check != VersionCheck.STALE) {
                positions.advance(consumer, envelope.aggregateId(), envelope.aggregateVersion());
            }
        }
        ((MessageHandler) binding.handler()).handle(new InboundMessage<>(envelope, payload, check, attempt));
        return Result.APPLIED;
    }

    private void retryLater(Message message, Channel channel, String queue, Envelope envelope, int attempt,
            String reason) throws IOException {
        if (attempt >= retryDelays.size()) {
            deadLetter(message, channel, queue, envelope.messageId().toString(), envelope.type(),
                    "gave up after " + (attempt + 1) + " attempts: " + reason);
            return;
        }
        try {
            retries.publish(queue, message, attempt, attempt + 1, reason);
            metrics.retried(definition.name());
            channel.basicAck(message.getMessageProperties().getDeliveryTag(), false);
        } catch (RuntimeException e) {
            requeueAfterPause(message, channel, "retry copy not published: " + e);
        }
    }

    /**
     * Retries that are no failure of the message itself: another consumer holds it (or held
     * it and died, and its claim has not expired yet), or the database is unreachable. The
     * attempt count stays; the copy waits in the shortest retry tier that outlasts the claim
     * (the longest tier for an outage). Only {@value #MAX_UNCOUNTED_RETRIES} such rounds in a
     * row end in the dead letters.
     */
    private void retryWithoutCounting(Message message, Channel channel, String queue, Envelope envelope,
            int attempt, String counterHeader, String reason) throws IOException {
        if (retryDelays.isEmpty()) {
            requeueAfterPause(message, channel, reason);
            return;
        }
        Object header = message.getMessageProperties().getHeaders().get(counterHeader);
        int rounds = header instanceof Number number ? number.intValue() : 0;
        if (rounds >= MAX_UNCOUNTED_RETRIES) {
            deadLetter(message, channel, queue, envelope.messageId().toString(), envelope.type(),
                    reason + ", through " + rounds + " retries");
            return;
        }
        Duration wait = RetryPublisher.BUSY_HEADER.equals(counterHeader)
                ? guard.claimRemaining(idempotencyScope, envelope.messageId()) : Duration.ofDays(1);
        int tier = retryDelays.size() - 1;
        for (int i = 0; i < retryDelays.size(); i++) {
            if (retryDelays.get(i).compareTo(wait) >= 0) {
                tier = i;
                break;
            }
        }
        try {
            retries.publish(queue, message, tier, attempt, reason, counterHeader, rounds + 1);
            metrics.retried(definition.name());
            channel.basicAck(message.getMessageProperties().getDeliveryTag(), false);
        } catch (RuntimeException e) {
            requeueAfterPause(message, channel, "retry copy not published: " + e);
        }
    }

    private void deadLetter(Message message, Channel channel, String queue, String messageId, String type,
            String reason) throws IOException {
        try {
            deadLetters.record(queue, messageId, type, message.getBody(),
                    message.getMessageProperties().getHeaders(), reason, clock.instant());
            metrics.deadLettered(definition.name());
            log.error("{} dead-lettered message {} ({}): {}", definition.name(), messageId, type, reason);
            channel.basicAck(message.getMessageProperties().getDeliveryTag(), false);
        } catch (RuntimeException e) {
            requeueAfterPause(message, channel, "dead letter not stored: " + e);
        }
    }

    /**
     * The database or broker is failing us: hold this consumer back a moment, then hand the
     * message back. The queue's delivery limit ends a loop that never recovers.
     */
    private void requeueAfterPause(Message message, Channel channel, String why) throws IOException {
        log.warn("{} requeues a message: {}", definition.name(), why);
        Outage.pause();
        metrics.requeued(definition.name(), 1);
        channel.basicNack(message.getMessageProperties().getDeliveryTag(), false, true);
    }

    /** An id for a message whose envelope cannot be read: stable, so a redelivery is recognised. */
    private static String fallbackId(MessageProperties properties, byte[] body) {
        return properties.getMessageId() != null ? MessageKeys.fit(properties.getMessageId())
                : MessageKeys.digest(body);
    }

    private static String describe(Throwable e) {
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }
}
