package com.evplatform.messaging.it;

/** Payload of the test messages: which test run and which key it belongs to. */
public record TestEvent(String runId, String key, String note) {
}
