package com.evplatform.messaging.consumer;

import java.io.IOException;
import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.listener.api.ChannelAwareMessageListener;

import com.evplatform.messaging.support.MessagingMetrics;
import com.evplatform.messaging.topology.QueueNames;
import com.rabbitmq.client.Channel;

/**
 * Moves what the broker itself dead-lettered (a message redelivered past the queue's
 * delivery limit, typically because its consumer crashed on it each time) from the
 * {@code .dlq} queues into the dead-letter table, where the admin API sees it.
 */
public class DeadLetterArchiver implements ChannelAwareMessageListener {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterArchiver.class);
    private static final java.time.Duration PAUSE = java.time.Duration.ofSeconds(5);

    private final DeadLetterStore store;
    private final MessagingMetrics metrics;
    private final Clock clock;

    public DeadLetterArchiver(DeadLetterStore store, MessagingMetrics metrics, Clock clock) {
        this.store = store;
        this.metrics = metrics;
        this.clock = clock;
    }

    @Override
    public void onMessage(Message message, Channel channel) throws IOException {
        MessageProperties properties = message.getMessageProperties();
        String queue = QueueNames.originOfDeadLetter(properties.getConsumerQueue());
        String reason = "dead-lettered by the broker: " + properties.getHeaders().getOrDefault("x-first-death-reason",
                "unknown reason");
        String messageId = properties.getMessageId() != null ? MessageKeys.fit(properties.getMessageId())
                : MessageKeys.digest(message.getBody());
        try {
            store.record(queue, messageId, properties.getType(), message.getBody(), properties.getHeaders(), reason,
                    clock.instant());
            metrics.deadLettered(QueueNames.consumerOf(queue));
            log.error("{} lost message {} ({}) to the dead letters: {}", queue, messageId, properties.getType(),
                    reason);
            channel.basicAck(properties.getDeliveryTag(), false);
        } catch (RuntimeException e) {
            // The database is away: wait before handing it back, so the queue is not spun.
            log.warn("dead letter not archived yet: {}", e.toString());
            try {
                Thread.sleep(PAUSE);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
            channel.basicNack(properties.getDeliveryTag(), false, true);
        }
    }
}
