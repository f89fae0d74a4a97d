package com.evplatform.charging.session.application;

import java.time.ZoneId;
import java.util.List;

import org.springframework.stereotype.Component;

import com.evplatform.charging.contract.Pricing;
import com.evplatform.charging.session.model.ChargingSession;
import com.evplatform.contract.Money;

/** A session priced from its tariff snapshot and readings, in the station's zone or the platform's default. */
@Component
class SessionBilling {

    private final MeterReadings samples;
    private final ChargingProperties properties;

    SessionBilling(MeterReadings samples, ChargingProperties properties) {
        this.samples = samples;
        this.properties = properties;
    }

    /** The bill of a session that ends with {@code stop}, over the readings stored for it. */
    Pricing.Bill bill(ChargingSession session, Pricing.Reading stop) {
        return Pricing.bill(session.tariff(), zoneOf(session), startOf(session), stop, samples.readings(session.id()));
    }

    /** What the session costs so far, as of the latest of {@code readings}. */
    Money soFar(ChargingSession session, List<Pricing.Reading> readings) {
        return Pricing.soFar(session.tariff(), zoneOf(session), startOf(session), readings).total();
    }

    private static Pricing.Reading startOf(ChargingSession session) {
        return new Pricing.Reading(session.startedAt(), session.meterStartWh());
    }

    /** The station's zone when the snapshot names one, else the platform's default. */
    private ZoneId zoneOf(ChargingSession session) {
        return session.tariff().zone().orElse(properties.tariffZone());
    }
}
