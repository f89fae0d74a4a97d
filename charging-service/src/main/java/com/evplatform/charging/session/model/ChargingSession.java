package com.evplatform.charging.session.model;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.evplatform.charging.contract.FailureReason;
import com.evplatform.charging.contract.Pricing;
import com.evplatform.charging.contract.SessionEvent;
import com.evplatform.charging.contract.StopReason;
import com.evplatform.charging.contract.TariffSnapshot;
import com.evplatform.contract.ConnectorCode;
import com.evplatform.contract.EnergyWh;
import com.evplatform.contract.Money;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * A driver's charging session. Its life is a few transitions, each a method that either
 * applies (and returns the event to publish) or is rejected and changes nothing; a COMPLETED
 * or FAILED session never changes again.
 */
@Entity
@Table(name = "charging_sessions")
public class ChargingSession {

    @Id
    @Column(length = 36)
    private String id;
    private String userId;
    private String operatorCode;
    @Enumerated(EnumType.STRING)
    private SessionStatus status;
    private String connectorCode;
    private String chargePointId;
    private int connectorId;
    private String idTag;
    private String idempotencyKey;
    private String activeUserId;
    private String activeConnectorCode;
    /** Snapshotted once at the request; stored as JSON (see the infrastructure's converter). */
    @Column(columnDefinition = "TEXT")
    private TariffSnapshot tariff;
    private Instant requestedAt;
    private Instant startedAt;
    private Instant stopRequestedAt;
    private Instant stoppedAt;
    private Integer transactionId;
    private Long meterStartWh;
    private Long meterLastWh;
    private Long meterStopWh;
    private long energyWh;
    @Column(name = "power_w")
    private Long powerW;
    private Integer soc;
    private BigDecimal costSoFar;
    /** The wallet balance order-service allowed the start with (null for sessions older than the check). */
    @Column(precision = 19, scale = 4)
    private BigDecimal startBalance;
    @Enumerated(EnumType.STRING)
    private StopReason stopRequestedBy;
    @Enumerated(EnumType.STRING)
    private StopReason stopReason;
    @Enumerated(EnumType.STRING)
    private FailureReason failureReason;
    private boolean stopOverdue;
    /** When the platform (its clock, not the charger's) last applied a reading or the start. */
    private Instant lastReadingAt;
    /** How often the remote stop was sent again after the first. */
    private int stopRetries;
    @Version
    private long version;

    protected ChargingSession() {
    }

    /**
     * A start request: STARTING, holding the driver's and the connector's one active slot.
     *
     * @param startBalance the driver's wallet balance when the start was allowed
     */
    public static ChargingSession request(String userId, String operatorCode, String connectorCode,
            String chargePointId, int connectorId, TariffSnapshot tariff, BigDecimal startBalance,
            String idempotencyKey, Instant now) {
        var session = new ChargingSession();
        session.id = UUID.randomUUID().toString();
        session.userId = userId;
        session.operatorCode = operatorCode;
        session.status = SessionStatus.STARTING;
        session.connectorCode = connectorCode;
        session.chargePointId = chargePointId;
        session.connectorId = connectorId;
        session.idTag = newIdTag();
        session.idempotencyKey = idempotencyKey;
        session.activeUserId = userId;
        session.activeConnectorCode = connectorCode;
        session.tariff = tariff;
        session.startBalance = startBalance;
        session.requestedAt = now;
        return session;
    }

    /** OCPP limits an idTag to 20 characters: "S" and 19 random base-36 digits (about 98 bits). */
    static String newIdTag() {
        var random = new java.security.SecureRandom();
        var tag = new StringBuilder("S");
        for (int i = 0; i < 19; i++) {
            tag.append(Character.toUpperCase(Character.forDigit(random.nextInt(36), 36)));
        }
        return tag.toString();
    }

    /**
     * The charger reported the transaction for our idTag: now it is charging.
     *
     * @param startedAt the charger's time of the start
     * @param now the platform's time, from which the watchdog counts the silence
     */
    public Transition charging(int transactionId, long meterStartWh, Instant startedAt, Instant now) {
        if (status != SessionStatus.STARTING) {
            return Transition.rejected("session is " + status);
        }
        this.status = SessionStatus.CHARGING;
        this.transactionId = transactionId;
        this.meterStartWh = meterStartWh;
        this.meterLastWh = meterStartWh;
        this.startedAt = startedAt;
        this.lastReadingAt = now;
        return Transition.applied(new SessionEvent.SessionStarted(id, userId, operatorCode,
                ConnectorCode.of(connectorCode), chargePointId, connectorId, transactionId, meterStartWh, startedAt,
                tariff));
    }

    public Transition fail(FailureReason reason, Instant now) {
        if (status != SessionStatus.STARTING) {
            return Transition.rejected("only a starting session can fail; this one is " + status);
        }
        this.status = SessionStatus.FAILED;
        this.failureReason = reason;
        this.stoppedAt = now;
        release();
        return Transition.applied(new SessionEvent.SessionFailed(id, userId, ConnectorCode.of(connectorCode),
                chargePointId, reason, now));
    }

    /**
     * A meter reading while charging: the register only moves forward.
     *
     * @param now the platform's time: the charger was heard from then
     */
    public Transition metered(long registerWh, Long powerW, Integer soc, BigDecimal costSoFar, Instant now) {
        if (!active()) {
            return Transition.rejected("session is " + status);
        }
        if (meterLastWh != null && registerWh < meterLastWh) {
            return Transition.rejected("reading " + registerWh + " Wh is older than " + meterLastWh + " Wh");
        }
        this.meterLastWh = registerWh;
        this.energyWh = Math.max(0, registerWh - meterStartWh);
        this.powerW = powerW;
        this.soc = soc != null ? soc : this.soc;
        this.costSoFar = costSoFar;
        this.lastReadingAt = now;
        return Transition.applied(null);
    }

    /**
     * The driver (USER), an operator (OPERATOR) or the platform, the balance spent (BALANCE),
     * asked to stop: the stop reason once the charger ends the transaction on our remote stop.
     */
    public Transition requestStop(StopReason by, Instant now) {
        if (by != StopReason.USER && by != StopReason.OPERATOR && by != StopReason.BALANCE) {
            throw new IllegalArgumentException("a stop is asked for by a USER, an OPERATOR or for BALANCE, not "
                    + by);
        }
        if (status != SessionStatus.CHARGING) {
            return Transition.rejected("session is " + status);
        }
        this.status = SessionStatus.STOPPING;
        this.stopRequestedBy = by;
        this.stopRequestedAt = now;
        this.stopRetries = 0;
        return Transition.applied(null);
    }

    /** The charger ended the transaction: the final energy is the meter stop value. */
    public Transition complete(long meterStopWh, Instant stoppedAt, String chargerReason,
            List<Pricing.SegmentEnergy> segments, Money total) {
        if (!active()) {
            return Transition.rejected("session is " + status);
        }
        return finish(meterStopWh, stoppedAt, stopReasonFor(chargerReason), segments, total);
    }

    /**
     * The platform ends the session without the charger's stop: an admin or the station's operator
     * (FORCED), or the watchdog (WATCHDOG). Billed on {@code meterStopWh}, which is never below
     * the last reading the charger reported.
     *
     * @param now the platform's time: the session's stop time
     */
    public Transition endWithoutCharger(StopReason by, long meterStopWh, Instant now,
            List<Pricing.SegmentEnergy> segments, Money total) {
        if (by != StopReason.FORCED && by != StopReason.WATCHDOG) {
            throw new IllegalArgumentException("the platform ends a session as FORCED or WATCHDOG, not " + by);
        }
        if (!active()) {
            return Transition.rejected("session is " + status);
        }
        if (meterStopWh < lastKnownReadingWh()) {
            return Transition.rejected("reading " + meterStopWh + " Wh is below the last known " + lastKnownReadingWh()
                    + " Wh");
        }
        return finish(meterStopWh, now, by, segments, total);
    }

    private Transition finish(long meterStopWh, Instant stoppedAt, StopReason reason,
            List<Pricing.SegmentEnergy> segments, Money total) {
        this.status = SessionStatus.COMPLETED;
        this.meterStopWh = meterStopWh;
        this.meterLastWh = meterStopWh;
        this.energyWh = Math.max(0, meterStopWh - meterStartWh);
        this.stoppedAt = stoppedAt;
        this.costSoFar = total.amount();
        this.powerW = 0L;
        this.stopReason = reason;
        this.stopOverdue = false;
        release();
        return Transition.applied(new SessionEvent.SessionCompleted(id, userId, operatorCode,
                ConnectorCode.of(connectorCode), chargePointId, connectorId, transactionId, meterStartWh, meterStopWh,
                EnergyWh.of(energyWh), startedAt, stoppedAt, stopReason, segments, total, tariff));
    }

    /** Charging, and the cost so far has reached (or passed) the balance the driver started with. */
    public boolean balanceReached() {
        return status == SessionStatus.CHARGING && startBalance != null && costSoFar != null
                && costSoFar.compareTo(startBalance) >= 0;
    }

    /**
     * Asked to stop, and the charger has not ended the transaction in time: flagged for operators,
     * and the stop may be sent again, at most {@code maxRetries} times.
     */
    public Transition stopOverdue(int maxRetries) {
        if (status != SessionStatus.STOPPING) {
            return Transition.rejected("session is " + status);
        }
        if (stopRetries >= maxRetries) {
            return Transition.rejected("the remote stop was sent again " + stopRetries + " times already");
        }
        this.stopOverdue = true;
        this.stopRetries++;
        return Transition.applied(null);
    }

    /** STOPPING, and the remote stop was sent again {@code maxRetries} times without an answer. */
    public boolean stopRetriesSpent(int maxRetries) {
        return status == SessionStatus.STOPPING && stopRetries >= maxRetries;
    }

    /**
     * CHARGING, and no reading (nor the start) applied since {@code since}. A session from before
     * the watchdog, never heard from on the platform's clock, is not judged until it is watched.
     */
    public boolean silentSince(Instant since) {
        return status == SessionStatus.CHARGING && lastReadingAt != null && lastReadingAt.isBefore(since);
    }

    /** STOPPING since before {@code since}. */
    public boolean stoppingSince(Instant since) {
        return status == SessionStatus.STOPPING && stopRequestedAt != null && stopRequestedAt.isBefore(since);
    }

    /** CHARGING or STOPPING: the charger holds a transaction for it. */
    public boolean active() {
        return status == SessionStatus.CHARGING || status == SessionStatus.STOPPING;
    }

    /** The highest register the charger reported for this active session (its meter start at least). */
    public long lastKnownReadingWh() {
        return meterLastWh != null ? meterLastWh : meterStartWh;
    }

    /**
     * Who ended it: a remote stop we sent on behalf of the driver (USER), an operator (OPERATOR)
     * or the spent balance (BALANCE); anything the charger decided itself (unplug, local stop, fault, reset) is CHARGER.
     */
    private StopReason stopReasonFor(String chargerReason) {
        if ("Remote".equals(chargerReason) && stopRequestedBy != null) {
            return stopRequestedBy;
        }
        return StopReason.CHARGER;
    }

    private void release() {
        this.activeUserId = null;
        this.activeConnectorCode = null;
    }

    public String id() {
        return id;
    }

    public String userId() {
        return userId;
    }

    public String operatorCode() {
        return operatorCode;
    }

    public SessionStatus status() {
        return status;
    }

    /** The row's version: what a live snapshot was made from. */
    public long version() {
        return version;
    }

    public String connectorCode() {
        return connectorCode;
    }

    public String chargePointId() {
        return chargePointId;
    }

    public int connectorId() {
        return connectorId;
    }

    public String idTag() {
        return idTag;
    }

    public TariffSnapshot tariff() {
        return tariff;
    }

    public Instant requestedAt() {
        return requestedAt;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public Instant stoppedAt() {
        return stoppedAt;
    }

    public Integer transactionId() {
        return transactionId;
    }

    public Long meterStartWh() {
        return meterStartWh;
    }

    public Long meterLastWh() {
        return meterLastWh;
    }

    public long energyWh() {
        return energyWh;
    }

    public Long powerW() {
        return powerW;
    }

    public Integer soc() {
        return soc;
    }

    public BigDecimal costSoFar() {
        return costSoFar;
    }

    public BigDecimal startBalance() {
        return startBalance;
    }

    public StopReason stopReason() {
        return stopReason;
    }

    public FailureReason failureReason() {
        return failureReason;
    }

    public boolean isStopOverdue() {
        return stopOverdue;
    }

    public Instant lastReadingAt() {
        return lastReadingAt;
    }

    public int stopRetries() {
        return stopRetries;
    }
}
