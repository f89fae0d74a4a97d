package com.evplatform.messaging.consumer;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

import com.evplatform.messaging.topology.QueueNames;

/**
 * Puts a copy of a failed message on its queue's retry tier (a queue whose TTL dead-letters
 * it back to the original queue), waiting for the broker's confirm before the caller acks the
 * original: a crash in between yields a duplicate, which idempotency absorbs, never a loss.
 */
public class RetryPublisher {

    static final String ATTEMPT_HEADER = "x-attempt";
    static final String LAST_ERROR_HEADER = "x-last-error";
    static final String BUSY_HEADER = "x-busy-retries";
    static final String OUTAGE_HEADER = "x-outage-retries";

    private final RabbitTemplate rabbit;
    private final Duration confirmTimeout;

    public RetryPublisher(RabbitTemplate rabbit, Duration confirmTimeout) {
        this.rabbit = rabbit;
        this.confirmTimeout = confirmTimeout;
    }

    /** 0 for a message on its first try, else the number of tries before this one. */
    static int attemptOf(MessageProperties properties) {
        Object attempt = properties.getHeaders().get(ATTEMPT_HEADER);
        return attempt instanceof Number number ? number.intValue() : 0;
    }

    /**
     * @param tier 0-based index into the retry delays
     * @throws AmqpException when the broker did not take the copy
     */
    public void publish(String queue, Message original, int tier, int nextAttempt, String reason) {
        publish(queue, original, tier, nextAttempt, reason, null, 0);
    }

    /**
     * As {@link #publish(String, Message, int, int, String)}, also setting {@code counterHeader}
     * (rounds of retries that do not count as attempts) to {@code rounds}.
     */
    public void publish(String queue, Message original, int tier, int nextAttempt, String reason,
            String counterHeader, int rounds) {
        MessageProperties properties = original.getMessageProperties();
        var copy = new MessageProperties();
        copy.setDeliveryMode(properties.getDeliveryMode());
        copy.setContentType(properties.getContentType());
        copy.setMessageId(properties.getMessageId());
        copy.setType(properties.getType());
        properties.getHeaders().forEach((key, value) -> {
            if (!key.startsWith("x-death") && !key.startsWith("x-first-death") && !key.startsWith("x-last-death")) {
                copy.setHeader(key, value);
            }
        });
        copy.setHeader(ATTEMPT_HEADER, nextAttempt);
        if (counterHeader != null) {
            copy.setHeader(counterHeader, rounds);
        }
        copy.setHeader(LAST_ERROR_HEADER, reason.length() > 500 ? reason.substring(0, 500) : reason);

        var correlation = new CorrelationData();
        rabbit.send("", QueueNames.retry(queue, tier), new Message(original.getBody(), copy), correlation);
        try {
            var confirm = correlation.getFuture().get(confirmTimeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!confirm.ack() || correlation.getReturned() != null) {
                throw new AmqpException("retry copy not accepted by the broker: "
                        + (confirm.ack() ? "returned" : confirm.reason()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AmqpException("interrupted while waiting for the retry copy's confirm", e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new AmqpException("no confirm for the retry copy", e);
        }
    }
}
