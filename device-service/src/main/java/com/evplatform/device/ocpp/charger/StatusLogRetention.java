package com.evplatform.device.ocpp.charger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import com.evplatform.messaging.retention.BatchedDeletes;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Connectors' status history older than {@code OCPP_STATUS_LOG_RETENTION} (90 days) is deleted,
 * hourly, in deletes of at most {@code batch-size} rows, each its own transaction: a fleet
 * reports a status row per connector change, and nothing read the old ones (the live state is
 * restored from the newest). Every instance runs it; two purging at once only take turns.
 */
@Component
class StatusLogRetention {

    private static final Logger log = LoggerFactory.getLogger(StatusLogRetention.class);

    private final OcppRecords records;
    private final TransactionTemplate transactions;
    private final Duration retention;
    private final int batchSize;
    private final Clock clock;
    private final Counter purged;

    StatusLogRetention(OcppRecords records, TransactionTemplate transactions,
            @Value("${platform.device.retention.status-log:90d}") Duration retention,
            @Value("${platform.device.retention.batch-size:5000}") int batchSize, Clock clock, MeterRegistry meters) {
        this.records = records;
        this.transactions = transactions;
        this.retention = retention;
        this.batchSize = batchSize;
        this.clock = clock;
        this.purged = meters.counter("device.purged", "table", "connector_status_log");
    }

    @Scheduled(initialDelayString = "${platform.device.retention.interval:1h}",
            fixedDelayString = "${platform.device.retention.interval:1h}")
    void purgeQuietly() {
        try {
            purge();
        } catch (RuntimeException e) {
            log.warn("status log purge failed, next round tries again: {}", e.toString());
        }
    }

    /** @return rows deleted */
    long purge() {
        Instant before = clock.instant().minus(retention);
        long total = BatchedDeletes.run(transactions, batchSize, limit -> records.purgeStatusLog(before, limit));
        if (total > 0) {
            purged.increment(total);
            log.info("deleted {} connector status rows received before {}", total, before);
        }
        return total;
    }
}
