package com.evplatform.reconciliation.runs.model;

import java.util.Objects;

import com.evplatform.contract.Money;

/**
 * One difference a check found, before it is stored as a mismatch. {@code subject} names what it
 * is about ({@code tx:<id>}, {@code order:<id>}, {@code payment:<id>}, {@code top-up:<id>}): a
 * mismatch exists once per kind and subject, whichever run finds it.
 *
 * @param amountDifference what was billed or credited minus what should have been, where money is concerned
 * @param adjustTo the order total an ADJUST resolution sets, or null when the kind cannot be adjusted
 */
public record Finding(MismatchKind kind, String subject, Subject about, String expected, String actual,
        String difference, Money amountDifference, Money adjustTo, String detail) {

    /** What a finding is about, as far as each id is known. */
    public record Subject(String operatorCode, String chargePointId, Integer transactionId, String sessionId,
            String orderId, String paymentId, String topUpId) {
    }

    public Finding {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(detail, "detail");
    }

    public static String transactionSubject(int transactionId) {
        return "tx:" + transactionId;
    }

    public static String orderSubject(String orderId) {
        return "order:" + orderId;
    }

    public static String paymentSubject(String paymentId) {
        return "payment:" + paymentId;
    }

    public static String topUpSubject(String topUpId) {
        return "top-up:" + topUpId;
    }
}
