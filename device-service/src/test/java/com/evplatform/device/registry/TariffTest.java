package com.evplatform.device.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalTime;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import com.evplatform.device.registry.model.Tariff;
import com.evplatform.device.registry.model.Tariff.InvalidTariffException;
import com.evplatform.device.registry.model.Tariff.Segment;

class TariffTest {

    private static Segment segment(String start, String electricity, String service) {
        return new Segment(LocalTime.parse(start), new BigDecimal(electricity), new BigDecimal(service));
    }

    @Test
    void the_segment_in_force_is_the_last_that_started() {
        Tariff tariff = new Tariff("CNY", List.of(segment("00:00", "0.30", "0.40"), segment("08:00", "1.00", "0.40"),
                segment("22:00", "0.50", "0.40")));

        assertThat(tariff.at(LocalTime.of(7, 59)).electricityFee()).isEqualByComparingTo("0.30");
        assertThat(tariff.at(LocalTime.of(8, 0)).electricityFee()).isEqualByComparingTo("1.00");
        assertThat(tariff.at(LocalTime.of(23, 59)).electricityFee()).isEqualByComparingTo("0.50");
    }

    @Test
    void the_first_segment_starts_at_midnight() {
        assertThatThrownBy(() -> new Tariff("CNY", List.of(segment("01:00", "1", "1"))))
                .isInstanceOf(InvalidTariffException.class).hasMessageContaining("00:00");
    }

    @Test
    void segments_are_strictly_sorted() {
        assertThatThrownBy(() -> new Tariff("CNY", List.of(segment("00:00", "1", "1"), segment("10:00", "1", "1"),
                segment("10:00", "2", "1")))).isInstanceOf(InvalidTariffException.class).hasMessageContaining("sorted");
        assertThatThrownBy(() -> new Tariff("CNY", List.of(segment("00:00", "1", "1"), segment("10:00", "1", "1"),
                segment("09:00", "2", "1")))).isInstanceOf(InvalidTariffException.class);
    }

    @Test
    void fees_are_not_negative_and_have_at_most_four_decimals() {
        assertThatThrownBy(() -> segment("00:00", "-0.01", "0")).isInstanceOf(InvalidTariffException.class);
        assertThatThrownBy(() -> segment("00:00", "0.12345", "0")).isInstanceOf(InvalidTariffException.class);
        assertThat(segment("00:00", "0.1234", "0.50000").serviceFee()).isEqualByComparingTo("0.5");
    }

    @Test
    void fees_stay_below_a_million_per_kilowatt_hour() {
        assertThatThrownBy(() -> segment("00:00", "1e400", "0")).isInstanceOf(InvalidTariffException.class);
        assertThatThrownBy(() -> segment("00:00", "0", "1000000")).isInstanceOf(InvalidTariffException.class);
        assertThat(segment("00:00", "999999.9999", "0").electricityFee()).isEqualByComparingTo("999999.9999");
    }

    @Test
    void a_tariff_has_one_to_forty_eight_segments_and_an_iso_currency() {
        assertThatThrownBy(() -> new Tariff("CNY", List.of())).isInstanceOf(InvalidTariffException.class);
        List<Segment> halfHours = IntStream.range(0, 49)
                .mapToObj(i -> segment(LocalTime.MIDNIGHT.plusMinutes(29L * i).toString(), "1", "1")).toList();
        assertThat(new Tariff("CNY", halfHours.subList(0, 48)).segments()).hasSize(48);
        assertThatThrownBy(() -> new Tariff("CNY", halfHours)).isInstanceOf(InvalidTariffException.class);
        assertThatThrownBy(() -> new Tariff("yuan", List.of(segment("00:00", "1", "1"))))
                .isInstanceOf(InvalidTariffException.class);
    }
}
