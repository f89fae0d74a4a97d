package com.evplatform.messaging.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The 3-node RabbitMQ cluster of {@code infra/rabbitmq-cluster.sh}, driven from a test: nodes
 * {@code evc1..3@localhost} next to the machine's own broker.
 */
final class LocalBrokerCluster {

    private final Path script;

    private LocalBrokerCluster(Path script) {
        this.script = script;
    }

    static LocalBrokerCluster find() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path candidate = dir.resolve("infra/rabbitmq-cluster.sh");
            if (Files.isRegularFile(candidate)) {
                return new LocalBrokerCluster(candidate);
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("infra/rabbitmq-cluster.sh not found above " + Path.of("").toAbsolutePath());
    }

    /** Whether RabbitMQ is installed here at all: without it the cluster test cannot run. */
    static boolean rabbitmqInstalled() {
        if (Files.isExecutable(Path.of("/usr/lib/rabbitmq/bin/rabbitmq-server"))) {
            return true;
        }
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .anyMatch(dir -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, "rabbitmq-server")));
    }

    /** True when all three nodes already run (a developer's cluster, or one left by an earlier run). */
    boolean running() {
        return run(List.of("status")).lines().skip(1).filter(line -> line.contains(" running ")).count() == 3;
    }

    void start() {
        run(List.of("start"));
    }

    void stop() {
        run(List.of("stop"));
    }

    void stopNode(int node) {
        run(List.of("stop-node", String.valueOf(node)));
    }

    void startNode(int node) {
        run(List.of("start-node", String.valueOf(node)));
    }

    /** The AMQP addresses of the three nodes, as {@code spring.rabbitmq.addresses} takes them. */
    String addresses() {
        return run(List.of("addresses")).strip();
    }

    /** The node leading a quorum queue, e.g. {@code evc2@localhost}. */
    String leader(String queue) {
        return run(List.of("leader", queue)).strip();
    }

    static int nodeNumber(String nodeName) {
        return Integer.parseInt(nodeName.substring("evc".length(), nodeName.indexOf('@')));
    }

    private String run(List<String> args) {
        List<String> command = Stream.concat(Stream.of("bash", script.toString()), args.stream()).toList();
        try {
            // stdout is the answer; what the RabbitMQ tools say on stderr only explains a failure.
            Path errors = Files.createTempFile("rabbitmq-cluster", ".err");
            try {
                Process process = new ProcessBuilder(command).redirectError(errors.toFile()).start();
                String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
                    throw new IllegalStateException(String.join(" ", command) + " failed: " + output
                            + Files.readString(errors));
                }
                return output;
            } finally {
                Files.deleteIfExists(errors);
            }
        } catch (IOException e) {
            throw new IllegalStateException("could not run " + script, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
