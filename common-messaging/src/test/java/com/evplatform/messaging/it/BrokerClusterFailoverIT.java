package com.evplatform.messaging.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.evplatform.messaging.Envelope;
import com.evplatform.testsupport.PlatformInfrastructure;

/**
 * High availability of the broker: the service talks to a 3-node cluster
 * ({@code infra/rabbitmq-cluster.sh}) through its list of addresses, and the node leading the
 * consumed quorum queues is stopped while events stream through the outbox. The queues'
 * other two replicas elect a new leader, the connections move to a surviving node, and
 * nothing is lost or applied twice.
 *
 * <p>A scratch schema of its own: the other fault tests' contexts (on the machine's single
 * node) would otherwise relay this test's outbox rows to their broker. The cluster is left as
 * it was found: stopped again afterwards if this test started it.
 */
@PlatformInfrastructure(schema = "messaging_cluster_it", scratch = true)
class BrokerClusterFailoverIT extends MessagingIntegrationTest {

    /** Generous (a working failover takes a few seconds here), yet far below "never came back". */
    private static final Duration MAX_PAUSE = Duration.ofSeconds(30);

    private static LocalBrokerCluster cluster;
    private static boolean startedHere;

    @BeforeAll
    static void startCluster() {
        Assumptions.assumeTrue(LocalBrokerCluster.rabbitmqInstalled(),
                "RabbitMQ is not installed on this machine: no local cluster to fail over in");
        cluster = LocalBrokerCluster.find();
        startedHere = !cluster.running();
        cluster.start();
    }

    @AfterAll
    static void leaveClusterAsFound() {
        if (cluster != null && startedHere) {
            cluster.stop();
        }
    }

    @DynamicPropertySource
    static void clusterAddresses(DynamicPropertyRegistry registry) {
        registry.add("spring.rabbitmq.addresses", () -> cluster.addresses());
        registry.add("spring.rabbitmq.address-shuffle-mode", () -> "random");
    }

    @Test
    void the_leader_node_of_the_consumed_queues_stops_mid_stream_and_nothing_is_lost_or_doubled() throws Exception {
        String runId = MessagingTestApplication.newRunId();
        int total = 6_000;
        List<String> queues = List.of("it.counting.p0", "it.counting.p1", "it.counting.p2", "it.counting.p3");
        // The node leading most of the consumed queues (one node, when they were declared on one connection).
        Map<String, Long> leadersBefore = queues.stream().map(cluster::leader)
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        String victim = leadersBefore.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        int victimNode = LocalBrokerCluster.nodeNumber(victim);

        // A steady stream of about 200 events a second for about 30 s, which outlasts the outage.
        CompletableFuture<List<Envelope>> producing = CompletableFuture.supplyAsync(() -> {
            List<Envelope> all = new ArrayList<>(total);
            for (int offset = 0; offset < total; offset += 100) {
                int from = offset;
                all.addAll(publish(100, 50,
                        i -> event(MessagingTestApplication.COUNTED, runId, "k" + ((from + i) % 500))));
                sleep(Duration.ofMillis(500));
            }
            return all;
        });

        await().atMost(PATIENCE).until(() -> effects.count("it.counting", runId) > 1_000);
        cluster.stopNode(victimNode);
        Instant stopped = Instant.now();
        try {
            afterTheLeaderStopped(runId, total, queues, victim, stopped, producing);
        } finally {
            // The node comes back, rejoins and takes its replicas up again.
            cluster.startNode(victimNode);
        }
        assertThat(cluster.running()).as("all three nodes running again").isTrue();
    }

    private void afterTheLeaderStopped(String runId, int total, List<String> queues, String victim, Instant stopped,
            CompletableFuture<List<Envelope>> producing) throws Exception {
        // The surviving replicas elect new leaders among themselves.
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                assertThat(queues.stream().map(cluster::leader).toList()).doesNotContain(victim));

        List<Envelope> published = producing.get();
        assertThat(published).hasSize(total);
        assertEveryEventAppliedOnceAndSent("it.counting", runId, published);

        // The stream really went through the outage: much of it was published and applied after the stop.
        long appliedAfterStop = jdbc.queryForObject("SELECT COUNT(*) FROM test_effect WHERE run_id = ? "
                + "AND applied_at > ?", Long.class, runId, Timestamp.from(stopped));
        assertThat(appliedAfterStop).as("applied after the leader node stopped").isGreaterThan(1_000);

        Duration confirmPause = longestPause("SELECT o.sent_at FROM messaging_outbox o WHERE o.message_id IN ("
                + "SELECT e.message_id FROM test_effect e WHERE e.run_id = ?) ORDER BY o.sent_at", runId);
        Duration effectPause = longestPause("SELECT applied_at FROM test_effect WHERE run_id = ? ORDER BY applied_at",
                runId);
        System.out.printf("BrokerClusterFailoverIT: stopped %s, the leader of the consumed queues; %d of %d events "
                + "applied after; longest pause between confirms %d ms, between effects %d ms%n", victim,
                appliedAfterStop, total, confirmPause.toMillis(), effectPause.toMillis());
        assertThat(confirmPause).as("longest pause between publisher confirms").isLessThan(MAX_PAUSE);
        assertThat(effectPause).as("longest pause between applied effects").isLessThan(MAX_PAUSE);
    }

    private Duration longestPause(String sql, String runId) {
        List<Timestamp> times = jdbc.queryForList(sql, Timestamp.class, runId);
        Duration longest = Duration.ZERO;
        for (int i = 1; i < times.size(); i++) {
            Duration pause = Duration.between(times.get(i - 1).toInstant(), times.get(i).toInstant());
            if (pause.compareTo(longest) > 0) {
                longest = pause;
            }
        }
        return longest;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
