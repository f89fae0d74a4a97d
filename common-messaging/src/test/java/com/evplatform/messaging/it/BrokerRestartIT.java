package com.evplatform.messaging.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import com.evplatform.messaging.Envelope;
import com.evplatform.testsupport.Infrastructure;

/** Fault test 1: the broker goes away in the middle of a stream and comes back. */
class BrokerRestartIT extends MessagingIntegrationTest {

    @Test
    void ten_thousand_events_survive_a_broker_restart_mid_stream_with_none_lost_or_doubled() throws Exception {
        String runId = MessagingTestApplication.newRunId();
        int total = 10_000;

        CompletableFuture<List<Envelope>> producing = CompletableFuture.supplyAsync(() -> publish(total, 50,
                i -> event(MessagingTestApplication.COUNTED, runId, "k" + (i % 500))));

        // Take the broker away once the stream is flowing, and bring it back.
        await().atMost(PATIENCE).until(() -> effects.count("it.counting", runId) > 500);
        Infrastructure.get().rabbitctl("stop_app");
        Thread.sleep(Duration.ofSeconds(3));
        Infrastructure.get().rabbitctl("start_app");

        List<Envelope> published = producing.get();
        assertThat(published).hasSize(total);

        assertEveryEventAppliedOnceAndSent("it.counting", runId, published);
    }
}
