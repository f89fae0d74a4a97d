package com.evplatform.paymentprovider.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import picocli.CommandLine.TypeConversionException;

class DurationConverterTest {

    private final DurationConverter converter = new DurationConverter();

    @ParameterizedTest
    @CsvSource({"250ms, PT0.25S", "5s, PT5S", "5, PT5S", "0s, PT0S", "2m, PT2M", "1h, PT1H", "' 3 S ', PT3S",
            "PT1.5S, PT1.5S", "pt10m, PT10M"})
    void readsShortAndIsoForms(String text, Duration expected) {
        assertThat(converter.convert(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "soon", "s", "5 weeks", "-5s", "5d", "1.5s", "PT-5S", "PTX", "99999999999999999999s"})
    void refusesAnythingElse(String text) {
        assertThatThrownBy(() -> converter.convert(text)).isInstanceOf(TypeConversionException.class)
                .hasMessageContaining(text.strip());
    }
}
