package com.evplatform.messaging.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.beans.factory.annotation.Autowired;

import com.evplatform.messaging.ConsumerDefinition;
import com.evplatform.messaging.Envelope;
import com.evplatform.messaging.InstanceRoutes;
import com.evplatform.messaging.OutgoingMessage;

/**
 * Commands follow what an instance holds: routed to its own queue while it holds the key,
 * returned to the producer (its return handler runs once, no retry) while nobody does.
 */
class InstanceRoutesIT extends MessagingIntegrationTest {

    @Autowired
    InstanceRoutes routes;
    @Autowired
    AmqpAdmin admin;
    @Autowired
    CachingConnectionFactory connectionFactory;
    @Autowired
    List<ConsumerDefinition> consumers;

    @Test
    void a_command_for_a_key_nobody_holds_is_returned_once_and_one_for_a_held_key_is_delivered() {
        String runId = MessagingTestApplication.newRunId();
        String key = "cp." + runId;

        Envelope early = publishOne(command(runId, key));
        await().atMost(PATIENCE).until(() -> "RETURNED".equals(status(early)));
        assertThat(effects.count("it.returned", runId)).isEqualTo(1);
        assertThat(attempts(early)).isZero();

        routes.bind("it.routed", key);
        Envelope held = publishOne(command(runId, key));
        await().atMost(PATIENCE).until(() -> effects.count("it.routed", runId) == 1);
        assertThat(status(held)).isEqualTo("SENT");

        routes.unbind("it.routed", key);
        Envelope late = publishOne(command(runId, key));
        await().atMost(PATIENCE).until(() -> "RETURNED".equals(status(late)));
        assertThat(effects.count("it.returned", runId)).isEqualTo(2);
        assertThat(effects.count("it.routed", runId)).isEqualTo(1);
    }

    /** A fleet connecting at once: every bind returns with its route in place, grouped or not. */
    @Test
    void a_thousand_routes_bound_at_once_from_many_threads_are_all_in_place_when_bind_returns() throws Exception {
        String runId = MessagingTestApplication.newRunId();
        List<String> keys = IntStream.range(0, 1_000).mapToObj(i -> "cp." + runId + "-" + i).toList();
        ExecutorService threads = Executors.newFixedThreadPool(32);
        try {
            List<Future<?>> binds = keys.stream().map(key -> threads.submit(() -> routes.bind("it.routed", key)))
                    .collect(java.util.stream.Collectors.toList());
            // A change the broker cannot take, in the middle: it fails alone.
            routes.release("it.no-such-consumer", "cp." + runId + "-x");
            for (Future<?> bind : binds) {
                bind.get();
            }
        } finally {
            threads.shutdown();
        }

        publish(keys.size(), 100, i -> command(runId, keys.get(i)));
        await().atMost(PATIENCE).until(() -> effects.count("it.routed", runId) == keys.size());
        assertThat(effects.count("it.returned", runId)).isZero();
        keys.forEach(key -> routes.release("it.routed", key));
    }

    /** A charger that drops and reconnects faster than the broker answers: the last change wins. */
    @Test
    void changes_to_one_route_are_applied_in_the_order_they_were_asked_for() {
        String runId = MessagingTestApplication.newRunId();
        List<String> keys = IntStream.range(0, 200).mapToObj(i -> "cp." + runId + "-" + i).toList();
        for (int i = 0; i < keys.size(); i++) {
            String key = keys.get(i);
            routes.release("it.routed", key);
            if (i % 2 == 0) {
                routes.release("it.routed", key);
                routes.bind("it.routed", key);
            } else {
                routes.bind("it.routed", key);
                routes.release("it.routed", key);
            }
        }
        await().atMost(PATIENCE).until(() -> routes.pending() == 0);

        publish(keys.size(), 50, i -> command(runId, keys.get(i)));
        await().atMost(PATIENCE).until(() -> effects.count("it.routed", runId) == 100
                && effects.count("it.returned", runId) == 100);
        assertThat(effects.distinctMessages("it.routed", runId)).isEqualTo(100);
        keys.forEach(key -> routes.release("it.routed", key));
    }

    /**
     * The instance queue is gone with its bindings (a node lost, the queue expired while the
     * connection was down): the next broker connection declares the queue and every held route again.
     */
    @Test
    void held_routes_are_declared_again_on_a_new_broker_connection() {
        String runId = MessagingTestApplication.newRunId();
        List<String> keys = IntStream.range(0, 300).mapToObj(i -> "cp." + runId + "-" + i).toList();
        keys.forEach(key -> routes.bind("it.routed", key));
        String queue = consumers.stream().filter(c -> c.name().equals("it.routed")).findFirst().orElseThrow()
                .queueNames().getFirst();

        admin.deleteQueue(queue);
        connectionFactory.resetConnection();
        await().atMost(PATIENCE).until(() -> admin.getQueueProperties(queue) != null && routes.pending() == 0);

        publish(keys.size(), 100, i -> command(runId, keys.get(i)));
        await().atMost(PATIENCE).until(() -> effects.count("it.routed", runId) == keys.size());
        assertThat(effects.count("it.returned", runId)).isZero();
        keys.forEach(key -> routes.release("it.routed", key));
    }

    private static OutgoingMessage command(String runId, String routingKey) {
        return OutgoingMessage.to(MessagingTestApplication.COMMANDS.name()).type(MessagingTestApplication.COMMAND)
                .aggregate(runId).routingKey(routingKey).payload(new TestEvent(runId, routingKey, null));
    }

    private String status(Envelope envelope) {
        return jdbc.queryForObject("SELECT status FROM messaging_outbox WHERE message_id = ?", String.class,
                envelope.messageId().toString());
    }

    private int attempts(Envelope envelope) {
        return jdbc.queryForObject("SELECT attempts FROM messaging_outbox WHERE message_id = ?", Integer.class,
                envelope.messageId().toString());
    }
}
