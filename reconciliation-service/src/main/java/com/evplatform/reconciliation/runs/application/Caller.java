package com.evplatform.reconciliation.runs.application;

import com.evplatform.service.support.refusal.Refusal;

/**
 * Who asks: an ADMIN sees every operator's reconciliation, an OPERATOR only its own operator's.
 * An OPERATOR whose token names no operator sees nothing (it fails closed).
 */
public record Caller(String userId, boolean admin, String operatorCode) {

    /** The operator whose data the caller may see; null for an admin (all). */
    public String scope() {
        if (admin) {
            return null;
        }
        if (operatorCode == null || operatorCode.isBlank()) {
            throw new Refusal(Refusal.Kind.FORBIDDEN, "OPERATOR_SCOPE_MISSING",
                    "This operator account is not tied to an operator");
        }
        return operatorCode;
    }

    public boolean sees(String ownerOperatorCode) {
        return admin || (operatorCode != null && operatorCode.equals(ownerOperatorCode));
    }
}
