package com.evplatform.messaging.consumer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.context.SmartLifecycle;

import com.evplatform.messaging.ConsumerDefinition;
import com.evplatform.messaging.support.MessagingMetrics;
import com.evplatform.messaging.topology.QueueNames;

/**
 * Every {@code interval}, asks the broker how many messages wait in each queue this service
 * consumes and in each of their dead-letter queues ({@code messaging.queue.messages}): a
 * consumer's lag, and dead letters the archiver has not taken in yet. On its own thread, so a
 * broker that does not answer never slows a scrape.
 */
public class QueueDepths implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(QueueDepths.class);

    private final AmqpAdmin admin;
    private final List<String> queues;
    private final MessagingMetrics metrics;
    private final Duration interval;
    private ScheduledExecutorService scheduler;

    public QueueDepths(AmqpAdmin admin, List<ConsumerDefinition> consumers, MessagingMetrics metrics,
            Duration interval) {
        this.admin = admin;
        this.metrics = metrics;
        this.interval = interval;
        List<String> names = new ArrayList<>();
        for (ConsumerDefinition consumer : consumers) {
            metrics.consumerDeclared(consumer.name());
            for (String queue : consumer.queueNames()) {
                names.add(queue);
                if (!consumer.perInstance()) {
                    names.add(QueueNames.deadLetter(queue));
                }
            }
        }
        this.queues = List.copyOf(names);
    }

    /** Never throws: an exception would end the schedule. */
    void measure() {
        for (String queue : queues) {
            double messages = Double.NaN;
            try {
                Properties properties = admin.getQueueProperties(queue);
                if (properties != null) {
                    messages = ((Number) properties.get(RabbitAdmin.QUEUE_MESSAGE_COUNT)).doubleValue();
                }
            } catch (RuntimeException e) {
                log.debug("depth of {} unknown: {}", queue, e.toString());
            }
            metrics.queueMessages(queue, messages);
        }
    }

    @Override
    public synchronized void start() {
        if (scheduler == null && !queues.isEmpty()) {
            scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon()
                    .name("messaging-queue-depths").factory());
            scheduler.scheduleWithFixedDelay(this::measure, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return scheduler != null;
    }
}
