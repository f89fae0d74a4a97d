package com.evplatform.testsupport;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A platform service started from its built jar in a JVM of its own, as {@code bin/platform
 * up} starts it: for end-to-end tests through the gateway, and for killing a service in
 * the middle of a flow.
 */
public final class ServiceProcess implements AutoCloseable {

    private final String module;
    private final int port;
    private final Map<String, Object> properties;
    private final Process process;
    private final Path log;

    private ServiceProcess(String module, int port, Map<String, Object> properties, Process process, Path log) {
        this.module = module;
        this.port = port;
        this.properties = Map.copyOf(properties);
        this.process = process;
        this.log = log;
    }

    /**
     * Starts {@code module}'s jar on a free port with the given Spring properties, and waits
     * until its readiness endpoint answers 200.
     */
    public static ServiceProcess start(String module, Map<String, Object> properties) {
        return start(module, properties, freePort());
    }

    /** The same service started again (after {@link #kill()}) on the same port, with the same properties. */
    public ServiceProcess restart() {
        if (process.isAlive()) {
            throw new IllegalStateException(module + " is still running");
        }
        return start(module, properties, port);
    }

    private static ServiceProcess start(String module, Map<String, Object> properties, int port) {
        Path jar = repositoryRoot().resolve(module).resolve("target").resolve(module + "-0.1.0-SNAPSHOT.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is not built: run the whole build (bin/platform test)");
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-jar",
                jar.toString(), "--server.port=" + port));
        properties.forEach((key, value) -> command.add("--" + key + "=" + value));
        try {
            Path log = Files.createTempFile(module + "-", ".log");
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                    .start();
            var service = new ServiceProcess(module, port, properties, process, log);
            service.awaitReady(Duration.ofSeconds(120));
            return service;
        } catch (IOException e) {
            throw new IllegalStateException("could not start " + module, e);
        }
    }

    public int port() {
        return port;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** Kills the process at once (SIGKILL), as a crash would. */
    public void kill() {
        process.destroyForcibly();
        waitForExit();
    }

    @Override
    public void close() {
        process.destroy();
        waitForExit();
    }

    private void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(module + " exited during start-up; log: " + tail());
            }
            try {
                if (HealthProbe.readiness(port).httpStatus() == 200) {
                    return;
                }
            } catch (RuntimeException e) {
                // not listening yet
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException(module + " not ready within " + timeout + "; log: " + tail());
    }

    private void waitForExit() {
        try {
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join(File.separator.equals("/") ? "\n" : "\r\n",
                    lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private static int freePort() {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("mvnw"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("not inside the repository");
        }
        return dir;
    }
}
