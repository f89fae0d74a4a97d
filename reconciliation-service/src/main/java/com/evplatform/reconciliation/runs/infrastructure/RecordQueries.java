package com.evplatform.reconciliation.runs.infrastructure;

import static com.evplatform.reconciliation.runs.infrastructure.Sql.instant;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import com.evplatform.charging.contract.Pricing;
import com.evplatform.charging.contract.TariffSnapshot;
import com.evplatform.contract.EnergyWh;
import com.evplatform.reconciliation.records.model.BilledOrder;
import com.evplatform.reconciliation.records.model.ChargerTransaction;
import com.evplatform.reconciliation.records.model.WalletCredit;
import com.evplatform.reconciliation.runs.infrastructure.PagedReader.Paged;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Reads the ingested records for runs: pages in a scope, and look-ups by transaction or payment. */
@Component
class RecordQueries {

    private static final TypeReference<List<Pricing.SegmentEnergy>> LINES = new TypeReference<>() {
    };
    private static final String TRANSACTION_COLUMNS = "t.id, t.transaction_id, t.charge_point_id, t.connector_id, "
            + "t.operator_code, t.session_id, t.meter_start_wh, t.meter_stop_wh, t.started_at, t.stopped_at";
    private static final String ORDER_COLUMNS = "o.id, o.order_id, o.session_id, o.operator_code, o.charge_point_id, "
            + "o.transaction_id, o.status, o.currency, o.total, o.energy_wh, o.meter_start_wh, o.meter_stop_wh, "
            + "o.started_at, o.stopped_at, o.tariff, o.bill_lines, o.settlements";
    private static final String CREDIT_COLUMNS = "w.id, w.entry_id, w.user_id, w.type, w.amount, w.currency, "
            + "w.top_up_id, w.payment_id, w.credited_at, w.paid_at";

    private static final int TARIFF_CACHE_SIZE = 10_000;

    private final JdbcTemplate jdbc;
    private final JsonMapper json;
    /** Orders of one station share a handful of tariffs: each snapshot's text is parsed once. */
    private final Map<String, TariffSnapshot> tariffs = new java.util.concurrent.ConcurrentHashMap<>();

    RecordQueries(JdbcTemplate jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    List<Paged<ChargerTransaction>> transactions(RunScope scope, long afterId, int size) {
        List<Object> args = new ArrayList<>(List.of(afterId));
        String sql = "SELECT " + TRANSACTION_COLUMNS + " FROM charger_transactions t WHERE t.id > ?"
                + scope.conditions("t", args) + " ORDER BY t.id LIMIT ?";
        args.add(size);
        return jdbc.query(sql, (rs, n) -> new Paged<>(rs.getLong("id"), transaction(rs)), args.toArray());
    }

    List<Paged<BilledOrder>> pricedOrders(RunScope scope, long afterId, int size) {
        List<Object> args = new ArrayList<>(List.of(afterId));
        String sql = "SELECT " + ORDER_COLUMNS + " FROM billed_orders o WHERE o.id > ? AND o.total IS NOT NULL"
                + scope.conditions("o", args) + " ORDER BY o.id LIMIT ?";
        args.add(size);
        return jdbc.query(sql, (rs, n) -> new Paged<>(rs.getLong("id"), order(rs)), args.toArray());
    }

    long countTransactions(RunScope scope) {
        List<Object> args = new ArrayList<>();
        String sql = "SELECT COUNT(*) FROM charger_transactions t WHERE 1 = 1" + scope.conditions("t", args);
        return jdbc.queryForObject(sql, Long.class, args.toArray());
    }

    long countPricedOrders(RunScope scope) {
        List<Object> args = new ArrayList<>();
        String sql = "SELECT COUNT(*) FROM billed_orders o WHERE o.total IS NOT NULL" + scope.conditions("o", args);
        return jdbc.queryForObject(sql, Long.class, args.toArray());
    }

    /** The operators whose rows are in scope ("" for rows without one): one partition each. */
    List<String> operators(RunScope scope) {
        List<Object> args = new ArrayList<>();
        String transactions = "SELECT DISTINCT COALESCE(t.operator_code, '') FROM charger_transactions t WHERE 1 = 1"
                + scope.conditions("t", args);
        String orders = "SELECT DISTINCT COALESCE(o.operator_code, '') FROM billed_orders o WHERE 1 = 1"
                + scope.conditions("o", args);
        return jdbc.queryForList(transactions + " UNION " + orders + " ORDER BY 1", String.class, args.toArray());
    }

    /** Every order naming one of these transactions, grouped by transaction id. */
    Map<Integer, List<BilledOrder>> ordersOfTransactions(List<Integer> transactionIds) {
        Map<Integer, List<BilledOrder>> byTransaction = new HashMap<>();
        if (transactionIds.isEmpty()) {
            return byTransaction;
        }
        jdbc.query("SELECT " + ORDER_COLUMNS + " FROM billed_orders o WHERE o.transaction_id IN ("
                + Sql.placeholders(transactionIds) + ")", rs -> {
                    BilledOrder order = order(rs);
                    byTransaction.computeIfAbsent(order.transactionId(), id -> new ArrayList<>()).add(order);
                }, transactionIds.toArray());
        return byTransaction;
    }

    /** Which of these transactions some order names (from the transaction-id index, no order row read). */
    Set<Integer> billedTransactions(List<Integer> transactionIds) {
        return transactionIdsOfOrders(transactionIds, "");
    }

    /** Which of these transactions more than one order names (from the transaction-id index). */
    List<Integer> transactionsBilledMoreThanOnce(List<Integer> transactionIds) {
        return List.copyOf(transactionIdsOfOrders(transactionIds, " HAVING COUNT(*) > 1"));
    }

    private Set<Integer> transactionIdsOfOrders(List<Integer> transactionIds, String having) {
        Set<Integer> ids = new HashSet<>();
        if (transactionIds.isEmpty()) {
            return ids;
        }
        jdbc.query("SELECT o.transaction_id FROM billed_orders o WHERE o.transaction_id IN ("
                + Sql.placeholders(transactionIds) + ") GROUP BY o.transaction_id" + having,
                rs -> {
                    ids.add(rs.getInt(1));
                }, transactionIds.toArray());
        return ids;
    }

    Map<Integer, ChargerTransaction> transactionsById(List<Integer> transactionIds) {
        Map<Integer, ChargerTransaction> byId = new HashMap<>();
        if (transactionIds.isEmpty()) {
            return byId;
        }
        jdbc.query("SELECT " + TRANSACTION_COLUMNS + " FROM charger_transactions t WHERE t.transaction_id IN ("
                + Sql.placeholders(transactionIds) + ")", rs -> {
                    ChargerTransaction tx = transaction(rs);
                    byId.put(tx.transactionId(), tx);
                }, transactionIds.toArray());
        return byId;
    }

    /** Credits whose payment id or top-up id is one of these. */
    List<WalletCredit> creditsFor(List<String> paymentIds, List<String> topUpIds) {
        if (paymentIds.isEmpty() && topUpIds.isEmpty()) {
            return List.of();
        }
        List<Object> args = new ArrayList<>(paymentIds);
        args.addAll(topUpIds);
        return jdbc.query("SELECT " + CREDIT_COLUMNS + " FROM wallet_credits w WHERE w.payment_id IN ("
                + Sql.placeholders(paymentIds) + ") UNION SELECT " + CREDIT_COLUMNS
                + " FROM wallet_credits w WHERE w.top_up_id IN (" + Sql.placeholders(topUpIds) + ")",
                (rs, n) -> credit(rs), args.toArray());
    }

    /** Top-up credits paid in the statement's period that no line of the statement names. */
    List<Paged<WalletCredit>> creditsMissingFrom(String runId, java.time.Instant from, java.time.Instant to,
            long afterId, int size) {
        return jdbc.query("SELECT " + CREDIT_COLUMNS + """
                 FROM wallet_credits w WHERE w.id > ? AND w.type = 'TOP_UP' AND w.paid_at >= ? AND w.paid_at < ?
                  AND NOT EXISTS (SELECT 1 FROM statement_lines s WHERE s.run_id = ? AND s.payment_id = w.payment_id)
                  AND NOT EXISTS (SELECT 1 FROM statement_lines s WHERE s.run_id = ? AND s.top_up_id = w.top_up_id)
                ORDER BY w.id LIMIT ?""", (rs, n) -> new Paged<>(rs.getLong("id"), credit(rs)), afterId,
                Sql.ts(from), Sql.ts(to), runId, runId, size);
    }

    long countCreditsMissingFrom(String runId, java.time.Instant from, java.time.Instant to) {
        return jdbc.queryForObject("""
                SELECT COUNT(*) FROM wallet_credits w WHERE w.type = 'TOP_UP' AND w.paid_at >= ? AND w.paid_at < ?
                  AND NOT EXISTS (SELECT 1 FROM statement_lines s WHERE s.run_id = ? AND s.payment_id = w.payment_id)
                  AND NOT EXISTS (SELECT 1 FROM statement_lines s WHERE s.run_id = ? AND s.top_up_id = w.top_up_id)""",
                Long.class, Sql.ts(from), Sql.ts(to), runId, runId);
    }

    private static ChargerTransaction transaction(ResultSet rs) throws SQLException {
        return new ChargerTransaction(rs.getInt("transaction_id"), rs.getString("charge_point_id"),
                rs.getInt("connector_id"), rs.getString("operator_code"), rs.getString("session_id"),
                rs.getLong("meter_start_wh"), Sql.longOrNull(rs, "meter_stop_wh"), instant(rs, "started_at"),
                instant(rs, "stopped_at"));
    }

    private BilledOrder order(ResultSet rs) throws SQLException {
        String tariff = rs.getString("tariff");
        String lines = rs.getString("bill_lines");
        Long energy = Sql.longOrNull(rs, "energy_wh");
        return new BilledOrder(rs.getLong("id"), rs.getString("order_id"), rs.getString("session_id"),
                rs.getString("operator_code"), rs.getString("charge_point_id"), Sql.integer(rs, "transaction_id"),
                rs.getString("status"), Sql.money(rs, "total", "currency"),
                energy == null ? null : EnergyWh.of(energy), Sql.longOrNull(rs, "meter_start_wh"),
                Sql.longOrNull(rs, "meter_stop_wh"), instant(rs, "started_at"), instant(rs, "stopped_at"),
                tariff == null ? null : tariff(tariff),
                lines == null ? null : json.readValue(lines, LINES), rs.getInt("settlements"));
    }

    private TariffSnapshot tariff(String text) {
        TariffSnapshot parsed = tariffs.get(text);
        if (parsed == null) {
            if (tariffs.size() >= TARIFF_CACHE_SIZE) {
                tariffs.clear();
            }
            parsed = json.readValue(text, TariffSnapshot.class);
            tariffs.put(text, parsed);
        }
        return parsed;
    }

    private static WalletCredit credit(ResultSet rs) throws SQLException {
        return new WalletCredit(rs.getString("entry_id"), rs.getString("user_id"), rs.getString("type"),
                Sql.money(rs, "amount", "currency"), rs.getString("top_up_id"), rs.getString("payment_id"),
                instant(rs, "credited_at"), instant(rs, "paid_at"));
    }
}
