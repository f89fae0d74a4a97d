package com.evplatform.reconciliation.records.infrastructure;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import com.evplatform.contract.Money;
import com.evplatform.device.contract.DeviceEvent;
import com.evplatform.order.contract.OrderEvent;
import com.evplatform.reconciliation.records.application.PricedOrder;
import com.evplatform.reconciliation.records.application.RecordChanges;
import com.evplatform.reconciliation.records.application.RecordStore;

import tools.jackson.databind.json.JsonMapper;

/**
 * Applies a batch of changes with one multi-row statement per kind of change. Every statement
 * merges: a stop that arrives before its start creates the row and the start only fills what is
 * missing; an order priced before its opening arrived is created priced; a payment, refund or
 * adjustment that overtook its order (a retried delivery can) creates the row, which has no stop
 * time and so no run checks it before its pricing arrives. (MariaDB and MySQL apply
 * ON DUPLICATE KEY UPDATE assignments left to right, so {@code status} is assigned last, after
 * the columns whose new value depends on the old status.)
 *
 * <p>Every batch takes its row locks in one order, whatever events it carries: all statements on
 * {@code charger_transactions} (by transaction id) before all statements on {@code billed_orders}
 * (by order id, or by transaction id where a stop marks its orders changed), and the rows of each
 * multi-row statement sorted by their key (starts and stops share one statement, so that their rows
 * are sorted together). Batches of two partitions (a device partition's stops
 * touching orders, an order partition's pricings touching transactions) then wait for each other
 * instead of deadlocking.
 */
@Repository
class JdbcRecordStore implements RecordStore {

    /** What an order's opening and pricing tell of it, kept in a row that a payment or an adjustment created. */
    private static final String FILL_ORDER = " session_id = COALESCE(session_id, VALUES(session_id)),"
            + " user_id = COALESCE(user_id, VALUES(user_id)),"
            + " operator_code = COALESCE(operator_code, VALUES(operator_code)),"
            + " charge_point_id = COALESCE(charge_point_id, VALUES(charge_point_id)),"
            + " transaction_id = COALESCE(transaction_id, VALUES(transaction_id)), ";

    private final JdbcTemplate jdbc;
    private final JsonMapper json;

    JdbcRecordStore(JdbcTemplate jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @Override
    public void apply(RecordChanges changes, Instant now) {
        Timestamp at = Timestamp.from(now);
        // Starts and stops in one statement: two statements would each be sorted, but not the two together.
        MultiRowStatement.execute(jdbc, """
                INSERT INTO charger_transactions (transaction_id, charge_point_id, connector_id, operator_code, id_tag,
                    session_id, meter_start_wh, meter_stop_wh, started_at, stopped_at, stop_reason, changed_at)""", """
                ON DUPLICATE KEY UPDATE operator_code = COALESCE(operator_code, VALUES(operator_code)),
                    session_id = COALESCE(session_id, VALUES(session_id)),
                    meter_stop_wh = IF(VALUES(stopped_at) IS NULL, meter_stop_wh, VALUES(meter_stop_wh)),
                    stop_reason = IF(VALUES(stopped_at) IS NULL, stop_reason, VALUES(stop_reason)),
                    stopped_at = IF(VALUES(stopped_at) IS NULL, stopped_at, VALUES(stopped_at)),
                    changed_at = VALUES(changed_at)""",
                byKey(reported(changes, at), Reported::transactionId), Reported::values);
        touch("UPDATE charger_transactions SET changed_at = ? WHERE transaction_id IN (%s)",
                transactionsOfOrders(changes), at);
        MultiRowStatement.execute(jdbc, """
                INSERT INTO billed_orders (order_id, session_id, user_id, operator_code, charge_point_id, connector_id,
                    transaction_id, status, started_at, changed_at)""", """
                ON DUPLICATE KEY UPDATE""" + FILL_ORDER + """
                    started_at = COALESCE(started_at, VALUES(started_at)), connector_id = VALUES(connector_id),
                    changed_at = VALUES(changed_at)""",
                byKey(changes.opened(), OrderEvent.OrderOpened::orderId),
                e -> new Object[] {e.orderId(), e.sessionId(), e.userId(), e.operatorCode(),
                        e.chargePointId(), e.connectorId(), e.transactionId(), "CHARGING", ts(e.startedAt()), at});
        MultiRowStatement.execute(jdbc, """
                INSERT INTO billed_orders (order_id, session_id, user_id, operator_code, charge_point_id,
                    transaction_id, status, currency, total, paid, energy_wh, meter_start_wh, meter_stop_wh,
                    started_at, stopped_at, tariff, bill_lines, settlements, changed_at)""", """
                ON DUPLICATE KEY UPDATE""" + FILL_ORDER + """
                    currency = VALUES(currency), total = IF(status = 'ADJUSTED', total, VALUES(total)),
                    paid = paid + VALUES(paid), energy_wh = VALUES(energy_wh),
                    meter_start_wh = VALUES(meter_start_wh), meter_stop_wh = VALUES(meter_stop_wh),
                    started_at = VALUES(started_at), stopped_at = VALUES(stopped_at), tariff = VALUES(tariff),
                    bill_lines = VALUES(bill_lines), settlements = settlements + 1, changed_at = VALUES(changed_at),
                    status = IF(status = 'ADJUSTED', status, VALUES(status))""",
                byKey(changes.priced(), PricedOrder::orderId),
                e -> new Object[] {e.orderId(), e.sessionId(), e.userId(), e.operatorCode(),
                        e.chargePointId(), e.transactionId(), e.status(), e.total().currency().getCurrencyCode(),
                        e.total().amount(), amount(e.paid()), e.energy() == null ? null : e.energy().wh(),
                        e.meterStartWh(), e.meterStopWh(), ts(e.startedAt()), ts(e.stoppedAt()),
                        e.tariff() == null ? null : json.writeValueAsString(e.tariff()),
                        e.lines() == null ? null : json.writeValueAsString(e.lines()), 1, at});
        MultiRowStatement.execute(jdbc, """
                INSERT INTO billed_orders (order_id, user_id, status, paid, changed_at)""", """
                ON DUPLICATE KEY UPDATE paid = paid + VALUES(paid), changed_at = VALUES(changed_at)""",
                byKey(changes.paid(), OrderEvent.OrderPaid::orderId),
                e -> new Object[] {e.orderId(), e.userId(), "CHARGING", e.amount().amount(), at});
        MultiRowStatement.execute(jdbc, """
                INSERT INTO billed_orders (order_id, user_id, status, currency, total, changed_at)""", """
                ON DUPLICATE KEY UPDATE total = VALUES(total), changed_at = VALUES(changed_at), status = 'ADJUSTED'""",
                byKey(changes.adjusted(), OrderEvent.OrderAdjusted::orderId),
                e -> new Object[] {e.orderId(), e.userId(), "ADJUSTED",
                        e.total().currency().getCurrencyCode(), e.total().amount(), at});
        MultiRowStatement.execute(jdbc, """
                INSERT INTO billed_orders (order_id, user_id, operator_code, status, refunded, changed_at)""", """
                ON DUPLICATE KEY UPDATE refunded = GREATEST(refunded, VALUES(refunded)),
                    changed_at = VALUES(changed_at)""",
                byKey(changes.refunded(), OrderEvent.OrderRefunded::orderId),
                e -> new Object[] {e.orderId(), e.userId(), e.operatorCode(), "CHARGING",
                        e.refundedTotal().amount(), at});
        touch("UPDATE billed_orders SET changed_at = ? WHERE transaction_id IN (%s)",
                transactionsOfStops(changes), at);
        MultiRowStatement.execute(jdbc, """
                INSERT IGNORE INTO wallet_credits (entry_id, user_id, type, amount, currency, top_up_id, payment_id,
                    reference, credited_at, paid_at, changed_at)""", "",
                byKey(changes.credited(), OrderEvent.WalletCredited::entryId),
                e -> new Object[] {e.entryId(), e.userId(), e.type(), e.amount().amount(),
                        e.amount().currency().getCurrencyCode(), e.topUpId(), e.paymentId(), e.reference(),
                        ts(e.at()), ts(e.providerOccurredAt() != null ? e.providerOccurredAt() : e.at()), at});
    }

    /**
     * The transactions of the orders this batch opens or prices. A transaction and its orders are
     * checked against each other: when one side changes, the other is marked changed too, so the
     * next run checks both again (an order arriving late settles the MISSING_ORDER of its
     * transaction; a stop arriving late, the order's ORPHAN_ORDER).
     */
    private static List<Integer> transactionsOfOrders(RecordChanges changes) {
        List<Integer> ids = new ArrayList<>();
        changes.opened().forEach(e -> ids.add(e.transactionId()));
        changes.priced().forEach(e -> ids.add(e.transactionId()));
        return ids;
    }

    /** A start or a stop of a transaction, as a row of its upsert. */
    private record Reported(int transactionId, Object[] values) {
    }

    /**
     * The batch's starts, then its stops, as rows (so a start comes before the stop of its transaction once
     * sorted). A start's row has no stop: it leaves what a stop that overtook it wrote.
     */
    private static List<Reported> reported(RecordChanges changes, Timestamp at) {
        List<Reported> rows = new ArrayList<>();
        for (DeviceEvent.TransactionStarted e : changes.started()) {
            rows.add(new Reported(e.transactionId(), new Object[] {e.transactionId(), e.chargePointId(),
                    e.connectorId(), e.operatorCode(), e.idTag(), e.sessionId(), e.meterStartWh(), null,
                    ts(e.timestamp()), null, null, at}));
        }
        for (DeviceEvent.TransactionStopped e : changes.stopped()) {
            rows.add(new Reported(e.transactionId(), new Object[] {e.transactionId(), e.chargePointId(),
                    e.connectorId(), e.operatorCode(), e.idTag(), e.sessionId(), e.meterStartWh(), e.meterStopWh(),
                    ts(e.startedAt()), ts(e.timestamp()), e.reason(), at}));
        }
        return rows;
    }

    /** The transactions this batch starts or stops, whose orders are marked changed in turn. */
    private static List<Integer> transactionsOfStops(RecordChanges changes) {
        List<Integer> ids = new ArrayList<>();
        changes.started().forEach(e -> ids.add(e.transactionId()));
        changes.stopped().forEach(e -> ids.add(e.transactionId()));
        return ids;
    }

    private void touch(String sql, List<Integer> transactionIds, Timestamp at) {
        List<Integer> ids = transactionIds.stream().distinct().sorted().toList();
        for (int from = 0; from < ids.size(); from += 500) {
            List<Integer> slice = ids.subList(from, Math.min(ids.size(), from + 500));
            List<Object> args = new ArrayList<>();
            args.add(at);
            args.addAll(slice);
            jdbc.update(sql.formatted(String.join(", ", Collections.nCopies(slice.size(), "?"))), args.toArray());
        }
    }

    /** The items sorted by their key, events of one key kept in delivery order (the sort is stable). */
    private static <T, K extends Comparable<K>> List<T> byKey(List<T> items, Function<T, K> key) {
        List<T> sorted = new ArrayList<>(items);
        sorted.sort(Comparator.comparing(key));
        return sorted;
    }

    private static Object amount(Money money) {
        return money == null ? java.math.BigDecimal.ZERO : money.amount();
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
