package com.evplatform.reconciliation.runs.infrastructure;

import java.time.Instant;
import java.util.List;

import com.evplatform.reconciliation.runs.model.Run;

/**
 * The rows a window run checks, as SQL: stopped in [from, to), or stopped earlier and changed
 * since the previous completed run began (they arrived late for their own window), restricted
 * to one operator's where the run or the partition is.
 *
 * @param partition the operator a partition checks: null for every operator of the run, "" for
 *        rows with no operator
 */
record RunScope(Instant from, Instant to, Instant lateSince, String operatorCode, String partition) {

    static final String NO_OPERATOR = "";

    static RunScope of(Run run, String partition) {
        return new RunScope(run.from(), run.to(), run.lateSince(), run.operatorCode(), partition);
    }

    /** The WHERE conditions (joined with AND, starting with AND) and their arguments. */
    String conditions(String alias, List<Object> args) {
        StringBuilder sql = new StringBuilder();
        if (lateSince == null) {
            sql.append(" AND ").append(alias).append(".stopped_at >= ? AND ").append(alias).append(".stopped_at < ?");
            args.add(Sql.ts(from));
            args.add(Sql.ts(to));
        } else {
            sql.append(" AND ((").append(alias).append(".stopped_at >= ? AND ").append(alias)
                    .append(".stopped_at < ?) OR (").append(alias).append(".stopped_at < ? AND ").append(alias)
                    .append(".changed_at >= ?))");
            args.add(Sql.ts(from));
            args.add(Sql.ts(to));
            args.add(Sql.ts(from));
            args.add(Sql.ts(lateSince));
        }
        String operator = partition != null ? partition : operatorCode;
        if (NO_OPERATOR.equals(operator)) {
            sql.append(" AND ").append(alias).append(".operator_code IS NULL");
        } else if (operator != null) {
            sql.append(" AND ").append(alias).append(".operator_code = ?");
            args.add(operator);
        }
        return sql.toString();
    }
}
