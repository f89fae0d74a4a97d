package com.evplatform.bench;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/** What one rate step of the charging benchmark measured. */
final class Level {

    final double rate;
    final Duration duration;
    final Recorder toCharging = new Recorder(3);
    final Recorder toAccepted = new Recorder(3);
    final AtomicInteger issued = new AtomicInteger();
    final AtomicInteger accepted = new AtomicInteger();
    final AtomicInteger charging = new AtomicInteger();
    final AtomicInteger completed = new AtomicInteger();
    final AtomicInteger late = new AtomicInteger();
    final Map<String, AtomicInteger> errors = new ConcurrentHashMap<>();
    final Map<String, AtomicInteger> stopErrors = new ConcurrentHashMap<>();
    double issuingSeconds;
    Histogram charged;
    Histogram accept;
    Map<String, Double> cpu = new LinkedHashMap<>();
    double machineBusy;
    double published;
    double consumed;
    double windowSeconds;
    Map<String, Double> threads = new LinkedHashMap<>();
    String busiest;

    Level(double rate, Duration duration) {
        this.rate = rate;
        this.duration = duration;
    }

    void error(Map<String, AtomicInteger> into, String what) {
        into.computeIfAbsent(what, key -> new AtomicInteger()).incrementAndGet();
    }

    int errorCount() {
        return errors.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    /** Session starts per second while the level issued them. */
    double startedPerSecond() {
        return issued.get() / Math.max(issuingSeconds, 1e-9);
    }

    /** Every session reached CHARGING, without an error, and at least 95 % of the offered rate was started. */
    boolean keptUp() {
        return errorCount() == 0 && charging.get() == issued.get() && startedPerSecond() >= 0.95 * rate;
    }
}
