package com.evplatform.reconciliation.records.infrastructure;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * One INSERT with many VALUES rows (in slices, so a statement stays a sensible size): a batch of
 * events costs a statement per table, not a round trip per event.
 */
final class MultiRowStatement {

    private static final int ROWS_PER_STATEMENT = 500;

    private MultiRowStatement() {
    }

    /**
     * @param head {@code INSERT INTO t (a, b, c)}
     * @param tail what follows the VALUES rows, e.g. {@code ON DUPLICATE KEY UPDATE ...}; may be empty
     * @param row the values of one row, in the head's column order
     */
    static <T> void execute(JdbcTemplate jdbc, String head, String tail, List<T> items, Function<T, Object[]> row) {
        for (int from = 0; from < items.size(); from += ROWS_PER_STATEMENT) {
            List<T> slice = items.subList(from, Math.min(items.size(), from + ROWS_PER_STATEMENT));
            List<Object> args = new ArrayList<>();
            String placeholders = null;
            for (T item : slice) {
                Object[] values = row.apply(item);
                if (placeholders == null) {
                    placeholders = "(" + String.join(", ", Collections.nCopies(values.length, "?")) + ")";
                }
                Collections.addAll(args, values);
            }
            String sql = head + " VALUES " + String.join(", ", Collections.nCopies(slice.size(), placeholders))
                    + (tail.isEmpty() ? "" : " " + tail);
            jdbc.update(sql, args.toArray());
        }
    }
}
