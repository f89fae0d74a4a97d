package com.evplatform.messaging.consumer;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.core.MessageListener;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.amqp.rabbit.listener.api.ChannelAwareMessageListener;
import org.springframework.context.SmartLifecycle;

import com.evplatform.messaging.ConsumerDefinition;
import com.evplatform.messaging.topology.QueueNames;

/**
 * One listener container per consumer queue, with manual acks and bounded prefetch. On a
 * partitioned exchange each partition queue gets its own container with one consumer (one
 * thread), and the queue's single-active-consumer flag makes one instance of the service
 * the active one; the others take over when it goes away.
 *
 * <p>A batched consumer's container gathers up to a batch of messages for its
 * {@link BatchListener}: it waits at most the consumer's batch wait for each next message,
 * and stops gathering once the batch wait has passed since it began (so a batch is applied
 * within about twice the wait even while messages trickle in).
 */
public class ConsumerContainers implements SmartLifecycle {

    private final List<SimpleMessageListenerContainer> containers = new ArrayList<>();
    private final boolean autoStartup;
    private volatile boolean running;

    public ConsumerContainers(ConnectionFactory connectionFactory, List<ConsumerDefinition> definitions,
            Function<ConsumerDefinition, ChannelAwareMessageListener> listeners, DeadLetterArchiver archiver,
            boolean autoStartup) {
        this.autoStartup = autoStartup;
        List<String> deadLetterQueues = new ArrayList<>();
        for (ConsumerDefinition definition : definitions) {
            ChannelAwareMessageListener listener = listeners.apply(definition);
            for (String queue : definition.queueNames()) {
                var container = container(connectionFactory, queue, definition.concurrency(), definition.prefetch(),
                        listener);
                if (definition.batched()) {
                    container.setConsumerBatchEnabled(true);
                    container.setBatchSize(definition.batchSize());
                    container.setReceiveTimeout(definition.batchWait().toMillis());
                    container.setBatchReceiveTimeout(definition.batchWait().toMillis());
                }
                container.afterPropertiesSet();
                containers.add(container);
                if (!definition.perInstance()) {
                    deadLetterQueues.add(QueueNames.deadLetter(queue));
                }
            }
        }
        if (!deadLetterQueues.isEmpty()) {
            var container = container(connectionFactory, deadLetterQueues.getFirst(), 1, 10, archiver);
            container.setQueueNames(deadLetterQueues.toArray(String[]::new));
            container.afterPropertiesSet();
            containers.add(container);
        }
    }

    private static SimpleMessageListenerContainer container(ConnectionFactory connectionFactory, String queue,
            int consumers, int prefetch, MessageListener listener) {
        var container = new SimpleMessageListenerContainer(connectionFactory);
        container.setQueueNames(queue);
        container.setAcknowledgeMode(AcknowledgeMode.MANUAL);
        container.setConcurrentConsumers(consumers);
        container.setPrefetchCount(prefetch);
        container.setMessageListener(listener);
        container.setAutoStartup(false);
        // A queue may be missing for a moment while the admin declares it: keep trying.
        container.setMissingQueuesFatal(false);
        return container;
    }

    /** The containers, for tests that stop and start consumers. */
    public List<SimpleMessageListenerContainer> containers() {
        return List.copyOf(containers);
    }

    @Override
    public void start() {
        containers.forEach(SimpleMessageListenerContainer::start);
        running = true;
    }

    @Override
    public void stop() {
        containers.forEach(SimpleMessageListenerContainer::stop);
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /**
     * Consumers stop after the web server has stopped (DEFAULT_PHASE - 2048) and before the
     * outbox relay (- 4096): while requests drain and a service lets go of what it holds
     * (device-service's chargers), messages still in its queues are handled, and what their
     * handlers publish still goes out.
     */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 3072;
    }

    @Override
    public boolean isAutoStartup() {
        return autoStartup;
    }
}
