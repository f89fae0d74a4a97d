package com.evplatform.messaging.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;

import com.evplatform.messaging.consumer.ConsumerContainers;
import com.evplatform.testsupport.Infrastructure;

/**
 * Fault test 3: a consumer process is killed with SIGKILL while it handles a message; the
 * message is redelivered and its effect applied exactly once.
 */
class ConsumerKilledIT extends MessagingIntegrationTest {

    @Autowired
    ConsumerContainers containers;
    @Autowired
    StringRedisTemplate redis;

    @Test
    void a_message_whose_consumer_is_killed_mid_handling_is_applied_exactly_once() throws Exception {
        killedWhileHandling("it.stalling-key", true);
    }

    @Test
    void a_message_whose_consumer_is_killed_after_commit_before_ack_is_not_applied_again() throws Exception {
        killedWhileHandling("it.stalling-after-commit-key", false);
    }

    private void killedWhileHandling(String stallProperty, boolean beforeCommit) throws Exception {
        String runId = MessagingTestApplication.newRunId();
        String key = runId + "-victim";
        List<SimpleMessageListenerContainer> crashable = containers.containers().stream()
                .filter(c -> c.getQueueNames()[0].startsWith(MessagingTestApplication.CRASHABLE + "."))
                .toList();
        crashable.forEach(SimpleMessageListenerContainer::stop);

        Process victim = startVictim(stallProperty, key, runId);
        try {
            publishOne(event(MessagingTestApplication.CRASHABLE, runId, key));
            await().atMost(PATIENCE).until(() -> redis.hasKey("it:stalled:" + key));
            assertThat(effects.count("it.crashable", runId)).as("effect committed before the kill")
                    .isEqualTo(beforeCommit ? 0 : 1);
            victim.destroyForcibly();
            assertThat(victim.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        } finally {
            victim.destroyForcibly();
            crashable.forEach(SimpleMessageListenerContainer::start);
        }

        await().atMost(PATIENCE).until(() -> effects.count("it.crashable", runId) == 1);
        Thread.sleep(Duration.ofSeconds(3));
        assertThat(effects.count("it.crashable", runId)).isEqualTo(1);
        assertThat(effects.distinctMessages("it.crashable", runId)).isEqualTo(1);
    }

    /** The same test service in a JVM of its own, whose handler stalls on {@code key}. */
    private static Process startVictim(String stallProperty, String key, String runId) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                MessagingTestApplication.class.getName(), "--server.port=0", "--" + stallProperty + "=" + key,
                // The victim only consumes: no relay competing for this test's outbox rows.
                "--platform.messaging.relay.enabled=false"));
        for (Map.Entry<String, Object> property : Infrastructure.get().scratchSchemaProperties("messaging_it")
                .entrySet()) {
            command.add("--" + property.getKey() + "=" + property.getValue());
        }
        File log = File.createTempFile("victim-" + runId, ".log");
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
    }
}
