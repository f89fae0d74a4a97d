package com.evplatform.simulator.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import picocli.CommandLine.TypeConversionException;

class DurationConverterTest {

    @Test
    void readsShortAndIsoForms() {
        assertThat(DurationConverter.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(DurationConverter.parse("15s")).isEqualTo(Duration.ofSeconds(15));
        assertThat(DurationConverter.parse("15")).isEqualTo(Duration.ofSeconds(15));
        assertThat(DurationConverter.parse("10m")).isEqualTo(Duration.ofMinutes(10));
        assertThat(DurationConverter.parse("2h")).isEqualTo(Duration.ofHours(2));
        assertThat(DurationConverter.parse("PT30S")).isEqualTo(Duration.ofSeconds(30));
        assertThat(DurationConverter.parse("pt1m")).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void rejectsNonsense() {
        assertThatThrownBy(() -> DurationConverter.parse("soon")).isInstanceOf(TypeConversionException.class);
        assertThatThrownBy(() -> DurationConverter.parse("5 weeks")).isInstanceOf(TypeConversionException.class);
    }
}
