package com.evplatform.charging.session.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.evplatform.charging.contract.SessionEvent;
import com.evplatform.charging.contract.StopReason;
import com.evplatform.charging.contract.TariffSnapshot;
import com.evplatform.contract.Money;

class ChargingSessionTest {

    private static final Instant T0 = Instant.parse("2026-11-22T06:00:00Z");
    private static final TariffSnapshot TARIFF = new TariffSnapshot("CNY", List.of(
            new TariffSnapshot.Segment("00:00", new BigDecimal("1.20"), new BigDecimal("0.60"))));

    @Test
    void the_start_balance_is_kept_from_the_request() {
        assertThat(charging(new BigDecimal("12.50")).startBalance()).isEqualByComparingTo("12.50");
        assertThat(charging(null).startBalance()).isNull();
    }

    @Test
    void a_stop_for_balance_is_accepted_while_charging() {
        ChargingSession session = charging(new BigDecimal("10.00"));

        Transition transition = session.requestStop(StopReason.BALANCE, T0.plusSeconds(60));

        assertThat(transition.applied()).isTrue();
        assertThat(session.status()).isEqualTo(SessionStatus.STOPPING);
    }

    @Test
    void a_remote_stop_after_a_balance_stop_completes_with_stop_reason_balance() {
        ChargingSession session = charging(new BigDecimal("10.00"));
        session.requestStop(StopReason.BALANCE, T0.plusSeconds(60));

        Transition transition = session.complete(6_000, T0.plusSeconds(90), "Remote", List.of(),
                Money.of("10.80", "CNY"));

        assertThat(session.status()).isEqualTo(SessionStatus.COMPLETED);
        assertThat(session.stopReason()).isEqualTo(StopReason.BALANCE);
        assertThat(((SessionEvent.SessionCompleted) transition.event()).stopReason()).isEqualTo(StopReason.BALANCE);
    }

    @Test
    void a_stop_the_charger_decided_itself_stays_charger_whoever_asked() {
        ChargingSession session = charging(new BigDecimal("10.00"));
        session.requestStop(StopReason.BALANCE, T0.plusSeconds(60));

        session.complete(6_000, T0.plusSeconds(90), "EVDisconnected", List.of(), Money.of("10.80", "CNY"));

        assertThat(session.stopReason()).isEqualTo(StopReason.CHARGER);
    }

    @Test
    void only_a_user_an_operator_or_the_balance_asks_for_a_stop() {
        ChargingSession session = charging(new BigDecimal("10.00"));

        assertThatThrownBy(() -> session.requestStop(StopReason.CHARGER, T0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(session.status()).isEqualTo(SessionStatus.CHARGING);
    }

    @Test
    void the_balance_is_reached_when_the_cost_so_far_is_at_least_the_start_balance() {
        ChargingSession session = charging(new BigDecimal("10.00"));
        assertThat(session.balanceReached()).isFalse();

        session.metered(5_000, 7_000L, null, new BigDecimal("9.99"));
        assertThat(session.balanceReached()).isFalse();

        session.metered(5_600, 7_000L, null, new BigDecimal("10.00"));
        assertThat(session.balanceReached()).isTrue();

        session.requestStop(StopReason.BALANCE, T0.plusSeconds(60));
        assertThat(session.balanceReached()).as("already stopping").isFalse();
    }

    @Test
    void a_session_without_a_start_balance_never_reaches_it() {
        ChargingSession session = charging(null);
        session.metered(500_000, 7_000L, null, new BigDecimal("900.00"));

        assertThat(session.balanceReached()).isFalse();
    }

    private static ChargingSession charging(BigDecimal startBalance) {
        ChargingSession session = ChargingSession.request("driver-1", "OP1", "CP-1-1", "CP-1", 1, TARIFF,
                startBalance, null, T0);
        session.charging(42, 0, T0);
        return session;
    }
}
