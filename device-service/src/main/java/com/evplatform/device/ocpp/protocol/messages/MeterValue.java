package com.evplatform.device.ocpp.protocol.messages;

import java.time.Instant;
import java.util.List;

/**
 * OCPP 1.6 MeterValue: the values sampled at one moment.
 *
 * @param timestamp    required
 * @param sampledValue required, one or more
 */
public record MeterValue(Instant timestamp, List<SampledValue> sampledValue) {
}
