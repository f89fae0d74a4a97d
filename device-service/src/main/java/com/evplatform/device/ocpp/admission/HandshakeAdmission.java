package com.evplatform.device.ocpp.admission;

import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * At most {@code maxConcurrentHandshakes} handshakes are checked at once on this instance; one
 * that finds no place within {@code queueWait} is refused at once with 503 and a jittered
 * {@code Retry-After}, instead of queueing in Tomcat past the charger's connect timeout (after
 * which the charger retries and the work done for it is wasted).
 */
@Component
public class HandshakeAdmission {

    private final AdmissionProperties properties;
    private final Semaphore places;

    HandshakeAdmission(AdmissionProperties properties, MeterRegistry meters) {
        this.properties = properties;
        this.places = properties.maxConcurrentHandshakes() > 0
                ? new Semaphore(properties.maxConcurrentHandshakes()) : null;
        if (places != null) {
            meters.gauge("ocpp.handshakes.admission.free", places, Semaphore::availablePermits);
        }
    }

    /** Takes a place, waiting up to the queue wait; false when none came free. */
    public boolean tryEnter() {
        if (places == null) {
            return true;
        }
        try {
            return places.tryAcquire(properties.queueWait().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Gives back the place {@link #tryEnter()} took. */
    public void leave() {
        if (places != null) {
            places.release();
        }
    }

    /** Seconds a refused charger is asked to wait: the least wait plus a random part up to the jitter. */
    public long retryAfterSeconds() {
        long jitter = properties.retryJitter().toMillis();
        long millis = properties.retryAfter().toMillis()
                + (jitter > 0 ? ThreadLocalRandom.current().nextLong(jitter + 1) : 0);
        return Math.max(1, (millis + 999) / 1000);
    }
}
