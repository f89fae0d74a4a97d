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

        session.metered(5_000, 7_000L, null, new BigDecimal("9.99"), T0);
        assertThat(session.balanceReached()).isFalse();

        session.metered(5_600, 7_000L, null, new BigDecimal("10.00"), T0);
        assertThat(session.balanceReached()).isTrue();

        session.requestStop(StopReason.BALANCE, T0.plusSeconds(60));
        assertThat(session.balanceReached()).as("already stopping").isFalse();
    }

    @Test
    void a_session_without_a_start_balance_never_reaches_it() {
        ChargingSession session = charging(null);
        session.metered(500_000, 7_000L, null, new BigDecimal("900.00"), T0);

        assertThat(session.balanceReached()).isFalse();
    }

    @Test
    void a_forced_end_completes_a_charging_session_on_the_reading_given_and_frees_its_slots() {
        ChargingSession session = charging(null);
        session.metered(5_000, 7_000L, null, new BigDecimal("9.00"), T0.plusSeconds(60));

        Transition transition = session.endWithoutCharger(StopReason.FORCED, 5_200, T0.plusSeconds(600), List.of(),
                Money.of("9.36", "CNY"));

        assertThat(transition.applied()).isTrue();
        assertThat(session.status()).isEqualTo(SessionStatus.COMPLETED);
        assertThat(session.stopReason()).isEqualTo(StopReason.FORCED);
        assertThat(session.energyWh()).isEqualTo(5_200);
        assertThat(session.stoppedAt()).isEqualTo(T0.plusSeconds(600));
        var completed = (SessionEvent.SessionCompleted) transition.event();
        assertThat(completed.meterStopWh()).isEqualTo(5_200);
        assertThat(completed.stopReason()).isEqualTo(StopReason.FORCED);
        assertThat(completed.total()).isEqualTo(Money.of("9.36", "CNY"));
    }

    @Test
    void the_watchdog_ends_a_stopping_session_and_the_chargers_late_stop_changes_nothing() {
        ChargingSession session = charging(null);
        session.metered(3_000, 7_000L, null, new BigDecimal("5.40"), T0.plusSeconds(60));
        session.requestStop(StopReason.USER, T0.plusSeconds(120));

        assertThat(session.endWithoutCharger(StopReason.WATCHDOG, session.lastKnownReadingWh(), T0.plusSeconds(900),
                List.of(), Money.of("5.40", "CNY")).applied()).isTrue();
        Transition late = session.complete(3_500, T0.plusSeconds(950), "Remote", List.of(), Money.of("6.30", "CNY"));

        assertThat(late.applied()).isFalse();
        assertThat(session.stopReason()).isEqualTo(StopReason.WATCHDOG);
        assertThat(session.energyWh()).isEqualTo(3_000);
    }

    @Test
    void a_forced_end_below_the_last_known_reading_is_rejected_and_changes_nothing() {
        ChargingSession session = charging(null);
        session.metered(5_000, 7_000L, null, new BigDecimal("9.00"), T0.plusSeconds(60));

        Transition transition = session.endWithoutCharger(StopReason.FORCED, 4_999, T0.plusSeconds(600), List.of(),
                Money.of("8.99", "CNY"));

        assertThat(transition.applied()).isFalse();
        assertThat(session.status()).isEqualTo(SessionStatus.CHARGING);
        assertThat(session.energyWh()).isEqualTo(5_000);
    }

    @Test
    void only_an_active_session_is_ended_by_the_platform_and_only_as_forced_or_watchdog() {
        ChargingSession starting = ChargingSession.request("driver-1", "OP1", "CP-1-1", "CP-1", 1, TARIFF, null,
                null, T0);
        assertThat(starting.endWithoutCharger(StopReason.FORCED, 0, T0, List.of(), Money.of("0.00", "CNY"))
                .applied()).isFalse();
        assertThat(starting.status()).isEqualTo(SessionStatus.STARTING);

        ChargingSession session = charging(null);
        assertThatThrownBy(() -> session.endWithoutCharger(StopReason.USER, 0, T0, List.of(),
                Money.of("0.00", "CNY"))).isInstanceOf(IllegalArgumentException.class);
        assertThat(session.status()).isEqualTo(SessionStatus.CHARGING);
    }

    @Test
    void a_stop_is_sent_again_at_most_the_retries_allowed_then_they_are_spent() {
        ChargingSession session = charging(null);
        session.requestStop(StopReason.OPERATOR, T0.plusSeconds(60));

        assertThat(session.stopOverdue(2).applied()).isTrue();
        assertThat(session.stopRetriesSpent(2)).isFalse();
        assertThat(session.stopOverdue(2).applied()).isTrue();
        assertThat(session.stopRetriesSpent(2)).isTrue();

        assertThat(session.stopOverdue(2).applied()).isFalse();
        assertThat(session.stopRetries()).isEqualTo(2);
        assertThat(session.isStopOverdue()).isTrue();
    }

    @Test
    void a_charging_session_is_silent_from_its_last_reading_on_the_platforms_clock() {
        ChargingSession session = charging(null);
        assertThat(session.silentSince(T0.plusSeconds(1))).isTrue();

        session.metered(1_000, 7_000L, null, new BigDecimal("1.80"), T0.plusSeconds(300));

        assertThat(session.silentSince(T0.plusSeconds(300))).isFalse();
        assertThat(session.silentSince(T0.plusSeconds(301))).isTrue();
        session.requestStop(StopReason.USER, T0.plusSeconds(400));
        assertThat(session.silentSince(T0.plusSeconds(3600))).as("stopping: the stop checks decide").isFalse();
        assertThat(session.stoppingSince(T0.plusSeconds(401))).isTrue();
    }

    private static ChargingSession charging(BigDecimal startBalance) {
        ChargingSession session = ChargingSession.request("driver-1", "OP1", "CP-1-1", "CP-1", 1, TARIFF,
                startBalance, null, T0);
        session.charging(42, 0, T0, T0);
        return session;
    }
}
