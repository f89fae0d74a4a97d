/**
 * OCPP 1.6J protocol layer: the OCPP-J RPC frames ({@link com.evplatform.device.ocpp.protocol.OcppFrames}),
 * validation of payloads against the OCA's JSON schemas ({@link com.evplatform.device.ocpp.protocol.OcppSchemas}),
 * the typed requests a charge point sends and the answers to them
 * ({@link com.evplatform.device.ocpp.protocol.ChargePointCodec}) and the OCPP-J error codes
 * ({@link com.evplatform.device.ocpp.protocol.OcppErrorCode}).
 *
 * <p>Nothing here knows about WebSockets, Spring or the registry: it turns text into frames and frames
 * into text, and tells whether a payload conforms to the specification. JSON is Jackson 3
 * ({@code tools.jackson}). See {@code docs/adr/0006-ocpp-schema-validation.md}.
 */
package com.evplatform.device.ocpp.protocol;
