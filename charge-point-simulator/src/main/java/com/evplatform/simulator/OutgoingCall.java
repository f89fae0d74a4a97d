package com.evplatform.simulator;

import java.util.function.Consumer;
import java.util.function.Supplier;

import tools.jackson.databind.JsonNode;

/**
 * A CALL waiting to be sent. The payload is built when the call goes out, so a MeterValues or StopTransaction
 * queued offline carries the transaction id that the earlier StartTransaction's answer brought.
 *
 * @param action OCPP action name
 * @param payload builds the payload at send time; returning null drops the call
 * @param transactional StartTransaction, MeterValues during a transaction or StopTransaction: kept while offline
 * @param onResult receives the CALLRESULT payload
 * @param onFailure told when the call got a CALLERROR or timed out
 */
record OutgoingCall(String action, Supplier<JsonNode> payload, boolean transactional, Consumer<JsonNode> onResult,
        Consumer<Failure> onFailure) {

    /** Why a call got no CALLRESULT. */
    enum Failure {
        CALL_ERROR,
        TIMEOUT
    }

    static OutgoingCall of(String action, JsonNode payload) {
        return new OutgoingCall(action, () -> payload, false, result -> { }, failure -> { });
    }
}
