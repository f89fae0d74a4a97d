package com.evplatform.simulator.cli;

import java.io.PrintWriter;
import java.util.Locale;

import com.evplatform.simulator.SimulatorStats;

/** Prints one line of simulator statistics, with the message rate since the previous line. */
final class StatsPrinter {

    private final PrintWriter out;
    private final long startNanos = System.nanoTime();
    private long previousNanos = startNanos;
    private long previousFrames;

    StatsPrinter(PrintWriter out) {
        this.out = out;
    }

    synchronized void print(SimulatorStats stats) {
        long now = System.nanoTime();
        long frames = stats.framesSent() + stats.framesReceived();
        double seconds = Math.max(1e-3, (now - previousNanos) / 1e9);
        double rate = (frames - previousFrames) / seconds;
        previousNanos = now;
        previousFrames = frames;
        out.println(format(stats, (now - startNanos) / 1_000_000_000L, rate));
        out.flush();
    }

    static String format(SimulatorStats stats, long elapsedSeconds, double messagesPerSecond) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
                "[%5ds] connected %d/%d  booted %d  charging %d  msgs/s %.1f  callErrors %d  timeouts %d"
                        + "  reconnects %d  queued %d",
                elapsedSeconds, stats.connected(), stats.chargePoints(), stats.booted(), stats.chargingConnectors(),
                messagesPerSecond, stats.callErrorsReceived(), stats.callTimeouts(), stats.reconnects(),
                stats.queuedCalls()));
        // Before the last connect error, whose text may contain anything.
        if (!stats.handshakesRefused().isEmpty()) {
            line.append("  refused");
            stats.handshakesRefused().forEach((status, count) -> line.append(' ').append(status).append(':').append(count));
        }
        if (stats.connectTimeouts() > 0) {
            line.append(String.format(Locale.ROOT, "  connectTimeouts %d", stats.connectTimeouts()));
        }
        if (stats.connectFailures() > 0) {
            line.append(String.format(Locale.ROOT, "  connectFailures %d", stats.connectFailures()));
            if (stats.lastConnectError() != null) {
                line.append(" (").append(stats.lastConnectError()).append(')');
            }
        }
        if (stats.droppedMessages() > 0) {
            line.append(String.format(Locale.ROOT, "  dropped %d", stats.droppedMessages()));
        }
        return line.toString();
    }
}
