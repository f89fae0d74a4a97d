package com.evplatform.bench;

import java.io.IOException;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.evplatform.contract.ExchangeDefinition;
import com.evplatform.messaging.Envelope;
import com.evplatform.messaging.support.EnvelopeCodec;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ConfirmListener;

/**
 * Publishes envelopes the way the outbox relay does (the envelope JSON as the body, persistent, message id and
 * type as properties, publisher confirms), with at most {@code window} messages unconfirmed, so a benchmark can
 * offer messages as fast as the broker takes them without the relay and its outbox in the measurement.
 */
final class ConfirmedPublisher {

    private final Channel channel;
    private final EnvelopeCodec codec;
    private final int window;
    private final Semaphore unconfirmed;
    private final ConcurrentSkipListSet<Long> outstanding = new ConcurrentSkipListSet<>();
    private final AtomicLong nacks = new AtomicLong();
    private int messageSize;

    ConfirmedPublisher(Channel channel, EnvelopeCodec codec, int window) throws IOException {
        this.channel = channel;
        this.codec = codec;
        this.window = window;
        this.unconfirmed = new Semaphore(window);
        channel.confirmSelect();
        channel.addConfirmListener(new ConfirmListener() {
            @Override
            public void handleAck(long deliveryTag, boolean multiple) {
                confirmed(deliveryTag, multiple);
            }

            @Override
            public void handleNack(long deliveryTag, boolean multiple) {
                nacks.addAndGet(confirmed(deliveryTag, multiple));
            }
        });
    }

    /** An envelope encoded ahead, so that encoding does not slow the publishing being measured. */
    record Message(String exchange, String routingKey, String messageId, String type, byte[] body) {
    }

    /** The envelope as it goes to {@code exchange}, partitioned by its aggregate. */
    Message encode(ExchangeDefinition exchange, Envelope envelope) {
        return new Message(exchange.name(), exchange.routingKey(envelope.type(), envelope.aggregateId()),
                envelope.messageId().toString(), envelope.type(), codec.encode(envelope));
    }

    /** Publishes one message; blocks while the window is full. */
    void publish(Message message) throws IOException, InterruptedException {
        messageSize = Math.max(messageSize, message.body().length);
        var properties = new AMQP.BasicProperties.Builder().deliveryMode(2).contentType("application/json")
                .messageId(message.messageId()).type(message.type()).build();
        unconfirmed.acquire();
        synchronized (this) {
            outstanding.add(channel.getNextPublishSeqNo());
            channel.basicPublish(message.exchange(), message.routingKey(), properties, message.body());
        }
    }

    /** Waits until the broker confirmed everything published; fails if it refused any message. */
    void awaitConfirms() throws InterruptedException {
        if (!unconfirmed.tryAcquire(window, 2, TimeUnit.MINUTES)) {
            throw new IllegalStateException(outstanding.size() + " publishes were not confirmed in 2 minutes");
        }
        unconfirmed.release(window);
        if (nacks.get() > 0) {
            throw new IllegalStateException(nacks.get() + " publishes were refused by the broker");
        }
    }

    /** The largest message body published so far, in bytes. */
    int messageSize() {
        return messageSize;
    }

    private int confirmed(long deliveryTag, boolean multiple) {
        int released = 0;
        if (multiple) {
            var head = outstanding.headSet(deliveryTag, true);
            for (Long tag = head.pollFirst(); tag != null; tag = head.pollFirst()) {
                released++;
            }
        } else if (outstanding.remove(deliveryTag)) {
            released = 1;
        }
        unconfirmed.release(released);
        return released;
    }
}
