package com.evplatform.messaging.retention;

import java.util.function.IntUnaryOperator;

import org.springframework.transaction.support.TransactionTemplate;

/**
 * How retention purges delete: in statements of at most {@code batchSize} rows, each in its own
 * transaction, until one deletes fewer, so no delete holds many row locks or blocks writers for
 * long. Used by the messaging tables' purge and by the services' own (refresh tokens, status
 * history).
 */
public final class BatchedDeletes {

    private BatchedDeletes() {
    }

    /**
     * @param deleteUpTo deletes at most the given number of rows, returns how many it deleted
     * @return rows deleted in all
     */
    public static long run(TransactionTemplate transactions, int batchSize, IntUnaryOperator deleteUpTo) {
        long total = 0;
        int deleted;
        do {
            Integer batch = transactions.execute(status -> deleteUpTo.applyAsInt(batchSize));
            deleted = batch == null ? 0 : batch;
            total += deleted;
        } while (deleted == batchSize && !Thread.currentThread().isInterrupted());
        return total;
    }
}
