package com.evplatform.reconciliation.runs.infrastructure;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.evplatform.reconciliation.records.model.BilledOrder;
import com.evplatform.reconciliation.records.model.ChargerTransaction;
import com.evplatform.reconciliation.records.model.WalletCredit;
import com.evplatform.reconciliation.runs.model.StatementLine;

/**
 * The readers of a run's steps. Each reads a page of its rows and, with one more query per
 * page, what they are compared with, so a check never costs a query per item. What is only
 * counted (does a transaction have an order, does it have more than one) is read from the
 * transaction-id index alone; whole orders are read only where they are compared.
 */
final class RunReaders {

    /** A charger transaction, and whether any order names it. */
    record TransactionItem(ChargerTransaction tx, boolean billed) {
    }

    /** A priced order, the transaction it names (if reported) and every order naming that transaction. */
    record OrderItem(BilledOrder order, Optional<ChargerTransaction> tx, List<BilledOrder> siblings) {
    }

    /** A statement line and the credit it names, if any. */
    record LineItem(StatementLine line, Optional<WalletCredit> credit) {
    }

    private RunReaders() {
    }

    static class Transactions extends PagedReader<TransactionItem> {
        private final RecordQueries queries;
        private final RunScope scope;

        Transactions(RecordQueries queries, RunScope scope, int pageSize) {
            super(pageSize);
            this.queries = queries;
            this.scope = scope;
        }

        @Override
        protected List<Paged<TransactionItem>> page(long afterId, int size) {
            var page = queries.transactions(scope, afterId, size);
            var billed = queries.billedTransactions(page.stream().map(p -> p.item().transactionId()).toList());
            return page.stream().map(p -> new Paged<>(p.id(), new TransactionItem(p.item(),
                    billed.contains(p.item().transactionId())))).toList();
        }
    }

    static class Orders extends PagedReader<OrderItem> {
        private final RecordQueries queries;
        private final RunScope scope;

        Orders(RecordQueries queries, RunScope scope, int pageSize) {
            super(pageSize);
            this.queries = queries;
            this.scope = scope;
        }

        @Override
        protected List<Paged<OrderItem>> page(long afterId, int size) {
            var page = queries.pricedOrders(scope, afterId, size);
            List<Integer> ids = page.stream().map(p -> p.item().transactionId())
                    .filter(java.util.Objects::nonNull).distinct().toList();
            var transactions = queries.transactionsById(ids);
            // An order whose transaction no other order names is its own only sibling.
            var siblings = queries.ordersOfTransactions(queries.transactionsBilledMoreThanOnce(ids));
            return page.stream().map(p -> {
                Integer id = p.item().transactionId();
                return new Paged<>(p.id(), new OrderItem(p.item(), Optional.ofNullable(id == null ? null
                        : transactions.get(id)), id == null ? List.of(p.item())
                                : siblings.getOrDefault(id, List.of(p.item()))));
            }).toList();
        }
    }

    static class StatementLines extends PagedReader<LineItem> {
        private final StatementQueries statements;
        private final RecordQueries queries;
        private final String runId;

        StatementLines(StatementQueries statements, RecordQueries queries, String runId, int pageSize) {
            super(pageSize);
            this.statements = statements;
            this.queries = queries;
            this.runId = runId;
        }

        @Override
        protected List<Paged<LineItem>> page(long afterId, int size) {
            List<StatementLine> lines = statements.lines(runId, (int) afterId, size);
            if (lines.isEmpty()) {
                return List.of();
            }
            var credits = queries.creditsFor(lines.stream().map(StatementLine::paymentId).toList(),
                    lines.stream().map(StatementLine::topUpId).toList());
            Map<String, WalletCredit> byPayment = new HashMap<>();
            Map<String, WalletCredit> byTopUp = new HashMap<>();
            for (WalletCredit credit : credits) {
                if (credit.paymentId() != null) {
                    byPayment.put(credit.paymentId(), credit);
                }
                if (credit.topUpId() != null) {
                    byTopUp.put(credit.topUpId(), credit);
                }
            }
            return lines.stream().map(line -> new Paged<>(line.lineNo(), new LineItem(line,
                    Optional.ofNullable(byPayment.getOrDefault(line.paymentId(), byTopUp.get(line.topUpId()))))))
                    .toList();
        }
    }

    static class UnknownCredits extends PagedReader<WalletCredit> {
        private final RecordQueries queries;
        private final String runId;
        private final java.time.Instant from;
        private final java.time.Instant to;

        UnknownCredits(RecordQueries queries, String runId, java.time.Instant from, java.time.Instant to,
                int pageSize) {
            super(pageSize);
            this.queries = queries;
            this.runId = runId;
            this.from = from;
            this.to = to;
        }

        @Override
        protected List<Paged<WalletCredit>> page(long afterId, int size) {
            return queries.creditsMissingFrom(runId, from, to, afterId, size);
        }
    }
}
