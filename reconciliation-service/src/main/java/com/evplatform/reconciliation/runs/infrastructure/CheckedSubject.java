package com.evplatform.reconciliation.runs.infrastructure;

import java.util.List;

import com.evplatform.reconciliation.runs.model.Finding;
import com.evplatform.reconciliation.runs.model.MismatchKind;

/**
 * What a run learnt about one subject: the kinds it decided and the findings among them. A
 * decided kind without a finding settles an open mismatch of that kind as no longer true.
 */
record CheckedSubject(String subject, List<MismatchKind> decided, List<Finding> findings) {

    boolean matched() {
        return findings.isEmpty();
    }
}
