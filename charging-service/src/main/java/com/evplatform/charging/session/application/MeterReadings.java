package com.evplatform.charging.session.application;

import java.time.Instant;
import java.util.List;

import com.evplatform.charging.contract.Pricing;

/** Port: a session's meter readings, and the transactions chargers started after their session failed. */
public interface MeterReadings {

    /** Stores a reading; the same instant reported again is stored once. */
    void add(String sessionId, Instant at, long energyWh, Long powerW, Integer soc);

    /** The readings in time order. */
    List<Pricing.Reading> readings(String sessionId);

    void recordLateTransaction(String chargePointId, int transactionId, String sessionId, Instant startedAt,
            long meterStartWh, Instant now);

    /** Completes a late transaction's record with its stop; false if its start is not recorded. */
    boolean recordLateTransactionStop(String chargePointId, int transactionId, Instant stoppedAt, long meterStopWh,
            String reason);

    /** Whether a late transaction's stop has been recorded (true when no such transaction is recorded). */
    boolean lateTransactionStopped(String chargePointId, int transactionId);
}
