package com.evplatform.device.registry.web;

import java.math.BigDecimal;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;

import com.evplatform.device.registry.model.Tariff;
import com.evplatform.service.support.web.ApiException;

/**
 * A tariff as API.md writes it: {@code {currency, segments:[{start:"HH:mm", electricityFee:"0.80",
 * serviceFee:"0.40"}]}}, fees as decimal strings so no client rounds them through a float.
 */
record TariffBody(String currency, List<SegmentBody> segments) {

    record SegmentBody(String start, String electricityFee, String serviceFee) {
    }

    private static final DateTimeFormatter HOURS_MINUTES = DateTimeFormatter.ofPattern("HH:mm")
            .withResolverStyle(ResolverStyle.STRICT);

    static TariffBody of(Tariff tariff) {
        return new TariffBody(tariff.currency(), tariff.segments().stream()
                .map(s -> new SegmentBody(s.start().format(HOURS_MINUTES), s.electricityFee().toPlainString(),
                        s.serviceFee().toPlainString()))
                .toList());
    }

    /** The model tariff, or a 400 VALIDATION_FAILED naming the first rule broken. */
    Tariff toTariff() {
        try {
            if (segments == null) {
                throw new Tariff.InvalidTariffException("segments are required");
            }
            return new Tariff(currency, segments.stream().map(TariffBody::segment).toList());
        } catch (Tariff.InvalidTariffException e) {
            throw invalid(e.getMessage());
        }
    }

    private static Tariff.Segment segment(SegmentBody body) {
        if (body == null) {
            throw new Tariff.InvalidTariffException("a segment may not be null");
        }
        return new Tariff.Segment(time(body.start()), fee(body.electricityFee(), "electricityFee"),
                fee(body.serviceFee(), "serviceFee"));
    }

    private static LocalTime time(String text) {
        try {
            if (text == null || text.length() != 5) {
                throw new Tariff.InvalidTariffException("start must be HH:mm");
            }
            return LocalTime.parse(text, HOURS_MINUTES);
        } catch (DateTimeParseException e) {
            throw new Tariff.InvalidTariffException("start must be HH:mm");
        }
    }

    private static BigDecimal fee(String text, String name) {
        try {
            if (text == null) {
                throw new Tariff.InvalidTariffException(name + " is required");
            }
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw new Tariff.InvalidTariffException(name + " must be a decimal number such as \"0.80\"");
        }
    }

    private static ApiException invalid(String message) {
        return new ApiException(HttpStatus.BAD_REQUEST, "VALIDATION_FAILED", "The tariff is not valid: " + message)
                .with("errors", List.of(Map.of("field", "tariff", "message", message)));
    }
}
