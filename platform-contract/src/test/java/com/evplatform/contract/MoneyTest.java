package com.evplatform.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Currency;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

class MoneyTest {

    private static final Currency CNY = Currency.getInstance("CNY");
    private static final Currency JPY = Currency.getInstance("JPY");
    private static final Currency KWD = Currency.getInstance("KWD");
    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void holds_every_amount_at_the_currencys_minor_unit() {
        assertThat(Money.of("12.3", "CNY").amount()).isEqualByComparingTo("12.30").hasToString("12.30");
        assertThat(Money.of("500", "JPY").amount()).hasToString("500");
        assertThat(Money.of("1.5", "KWD").amount()).hasToString("1.500");
    }

    @Test
    void refuses_an_amount_finer_than_the_minor_unit_instead_of_rounding_it() {
        assertThatThrownBy(() -> Money.of("0.001", "CNY")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("minor unit");
        assertThatThrownBy(() -> Money.of("1.5", "JPY")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rounds_half_up_only_when_asked() {
        assertThat(Money.roundedHalfUp(new BigDecimal("0.125"), CNY)).isEqualTo(Money.of("0.13", "CNY"));
        assertThat(Money.roundedHalfUp(new BigDecimal("0.1249"), CNY)).isEqualTo(Money.of("0.12", "CNY"));
        assertThat(Money.roundedHalfUp(new BigDecimal("2.5"), JPY)).isEqualTo(Money.of("3", "JPY"));
        assertThat(Money.roundedHalfUp(new BigDecimal("0.0005"), KWD)).isEqualTo(Money.of("0.001", "KWD"));
    }

    @Test
    void never_mixes_currencies() {
        assertThatThrownBy(() -> Money.of("1", "CNY").plus(Money.of("1", "EUR")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("CNY").hasMessageContaining("EUR");
    }

    @Test
    void travels_as_a_decimal_string_and_a_currency_code() {
        String written = json.writeValueAsString(Money.of("12.3", "CNY"));
        assertThat(written).isEqualTo("{\"amount\":\"12.30\",\"currency\":\"CNY\"}");
        assertThat(json.readValue(written, Money.class)).isEqualTo(Money.of("12.30", "CNY"));
        assertThat(json.readValue("{\"amount\":\"7\",\"currency\":\"JPY\"}", Money.class))
                .isEqualTo(Money.ofMinor(7, JPY));
    }

    /** Random amounts from a fixed seed (repeatable), plus the edges. */
    private static long[] amounts(long bound) {
        var random = new java.util.Random(20261203L);
        long[] amounts = new long[1_000];
        amounts[0] = 0;
        amounts[1] = bound;
        amounts[2] = -bound;
        for (int i = 3; i < amounts.length; i++) {
            amounts[i] = random.nextLong(-bound, bound + 1);
        }
        return amounts;
    }

    @Test
    void minor_units_round_trip_in_every_currency() {
        for (long minor : amounts(1_000_000_000L)) {
            for (Currency currency : new Currency[] {CNY, JPY, KWD}) {
                assertThat(Money.ofMinor(minor, currency).minorUnits()).as("%d in %s", minor, currency)
                        .isEqualTo(minor);
            }
        }
    }

    @Test
    void adding_then_subtracting_gives_the_same_amount() {
        long[] as = amounts(1_000_000L);
        long[] bs = amounts(1_000L);
        for (int i = 0; i < as.length; i++) {
            Money x = Money.ofMinor(as[i], CNY);
            Money y = Money.ofMinor(bs[(i * 7) % bs.length], CNY);
            assertThat(x.plus(y).minus(y)).isEqualTo(x);
            assertThat(x.plus(y).minorUnits()).isEqualTo(as[i] + bs[(i * 7) % bs.length]);
        }
    }
}
