package com.evplatform.charging.session.application;

import java.math.BigDecimal;
import java.time.Instant;

import com.evplatform.charging.session.model.ChargingSession;
import com.evplatform.charging.contract.TariffSnapshot;

/** A session as API.md "Charging sessions" shows it; money as a decimal string. */
public record SessionView(String sessionId, String status, String connectorCode, String chargePointId,
        int connectorId, Instant requestedAt, Instant startedAt, Instant stoppedAt, Long meterStartWh, long energyWh,
        Long powerW, Integer soc, String costSoFar, String startBalance, String stopReason, String failureReason,
        boolean stopOverdue, TariffSnapshot tariff) {

    public static SessionView of(ChargingSession session) {
        return new SessionView(session.id(), session.status().name(), session.connectorCode(),
                session.chargePointId(), session.connectorId(), session.requestedAt(), session.startedAt(),
                session.stoppedAt(), session.meterStartWh(), session.energyWh(), session.powerW(), session.soc(),
                session.costSoFar() == null ? null : session.costSoFar().toPlainString(),
                money(session.startBalance()), nameOf(session.stopReason()),
                nameOf(session.failureReason()), session.isStopOverdue(), session.tariff());
    }

    /** At least two places, as API.md writes money: the column keeps four ("12.5000" is "12.50"). */
    private static String money(BigDecimal amount) {
        if (amount == null) {
            return null;
        }
        BigDecimal plain = amount.stripTrailingZeros();
        return (plain.scale() < 2 ? plain.setScale(2) : plain).toPlainString();
    }

    private static String nameOf(Enum<?> reason) {
        return reason == null ? null : reason.name();
    }

    public boolean terminal() {
        return "COMPLETED".equals(status) || "FAILED".equals(status);
    }
}
