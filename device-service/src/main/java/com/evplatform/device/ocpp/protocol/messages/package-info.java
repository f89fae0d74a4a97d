/**
 * Typed OCPP 1.6 payloads for the messages the central system handles: the ten actions a charge
 * point sends, each as a {@code Request} and {@code Response} record, members of the sealed
 * {@link com.evplatform.device.ocpp.protocol.messages.ChargePointRequest} and
 * {@link com.evplatform.device.ocpp.protocol.messages.ChargePointResponse}. Names and values follow
 * the specification (section 6 messages, section 7 types); Jackson 3 reads and writes them through
 * {@link com.evplatform.device.ocpp.protocol.OcppPayloads}, and inbound CALLs through
 * {@link com.evplatform.device.ocpp.protocol.ChargePointCodec}.
 *
 * <p>The records carry no checks of their own: validate the payload with
 * {@link com.evplatform.device.ocpp.protocol.OcppSchemas} first, then read it. Optional fields are
 * {@code null} when absent. Times are {@link java.time.Instant}s (OCPP times are UTC on the wire;
 * an offset, if a charger sends one, is applied).
 */
package com.evplatform.device.ocpp.protocol.messages;
