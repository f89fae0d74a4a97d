package com.evplatform.reconciliation.runs.application;

import java.time.Duration;
import java.time.ZoneId;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param zone the stations' local time zone: the daily run covers the previous local day, and
 *        tariffs without a zone of their own are priced in it (as charging-service does)
 * @param workers threads a run's partitions (one per operator) are checked on
 * @param chunkSize items checked per transaction; a restarted run goes on from the last whole chunk
 * @param staleAfter a RUNNING run with no committed chunk for this long is taken over and resumed
 * @param maxWindow the longest window one run may cover
 * @param maxStatementLines the most payments one statement may list
 */
@ConfigurationProperties("platform.reconciliation")
public record ReconciliationProperties(@DefaultValue("Asia/Shanghai") ZoneId zone, @DefaultValue("2") int workers,
        @DefaultValue("1000") int chunkSize, @DefaultValue("60s") Duration staleAfter,
        @DefaultValue("92d") Duration maxWindow, @DefaultValue("200000") int maxStatementLines) {
}
