package com.evplatform.reconciliation.runs.application;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import com.evplatform.reconciliation.runs.model.MismatchKind;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@code reconciliation.mismatches.open} by kind: the mismatches waiting for someone to resolve
 * them, counted in the database every 30 s (a run finds them, an operator or later data
 * resolves them). NaN while the database cannot be asked.
 */
@Component
class MismatchMetrics {

    private static final Logger log = LoggerFactory.getLogger(MismatchMetrics.class);

    private final MismatchStore mismatches;
    private final Map<MismatchKind, Double> open = new ConcurrentHashMap<>();

    MismatchMetrics(MismatchStore mismatches, MeterRegistry meters) {
        this.mismatches = mismatches;
        for (MismatchKind kind : MismatchKind.values()) {
            open.put(kind, Double.NaN);
            Gauge.builder("reconciliation.mismatches.open", open, figures -> figures.get(kind))
                    .tag("kind", kind.name()).description("OPEN mismatches of this kind").register(meters);
        }
    }

    @Scheduled(fixedDelayString = "PT30S")
    void count() {
        try {
            Map<MismatchKind, Long> counted = mismatches.openByKind();
            open.replaceAll((kind, before) -> counted.getOrDefault(kind, 0L).doubleValue());
        } catch (RuntimeException e) {
            open.replaceAll((kind, before) -> Double.NaN);
            log.debug("open mismatches not counted: {}", e.toString());
        }
    }
}
