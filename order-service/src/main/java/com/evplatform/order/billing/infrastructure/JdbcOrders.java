package com.evplatform.order.billing.infrastructure;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

import com.evplatform.charging.contract.Pricing;
import com.evplatform.charging.contract.TariffSnapshot;
import com.evplatform.contract.Money;
import com.evplatform.order.billing.application.Orders;
import com.evplatform.order.billing.application.Page;
import com.evplatform.order.billing.model.Order;
import com.evplatform.order.billing.model.OrderStatus;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Orders in the {@code orders} table; the tariff snapshot and the bill's lines as JSON columns. */
@Repository
class JdbcOrders implements Orders {

    private static final String COLUMNS = "id, session_id, user_id, status, operator_code, connector_code, "
            + "charge_point_id, connector_id, transaction_id, started_at, stopped_at, meter_start_wh, meter_stop_wh, "
            + "energy_wh, currency, electricity_amount, service_amount, total_amount, paid_amount, amount_due, "
            + "refunded_amount, tariff, bill_lines, stop_reason, opened_at, priced_at";
    /** An order with money due: UNPAID, OVERDUE, or ADJUSTED to more than was paid. */
    private static final String OWING = "status IN ('UNPAID', 'OVERDUE', 'ADJUSTED') AND amount_due > 0";
    private static final TypeReference<List<Pricing.SegmentEnergy>> LINES = new TypeReference<>() {
    };

    private final JdbcTemplate jdbc;
    private final JsonMapper json;
    private final RowMapper<Order> rows = this::order;

    JdbcOrders(JdbcTemplate jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @Override
    public boolean insert(Order o) {
        try {
            jdbc.update("INSERT INTO orders (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                    + "?, ?, ?, ?, ?, ?, ?, ?, ?)", o.id(), o.sessionId(), o.userId(), o.status().name(),
                    o.operatorCode(), o.connectorCode(), o.chargePointId(), o.connectorId(), o.transactionId(),
                    ts(o.startedAt()), ts(o.stoppedAt()), o.meterStartWh(), o.meterStopWh(), o.energyWh(),
                    o.totalAmount().currency().getCurrencyCode(), o.electricityAmount().amount(),
                    o.serviceAmount().amount(), o.totalAmount().amount(), o.paidAmount().amount(),
                    o.amountDue().amount(), o.refundedAmount().amount(), json.writeValueAsString(o.tariff()),
                    json.writeValueAsString(o.lines()), o.stopReason(), ts(o.openedAt()), ts(o.pricedAt()));
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    @Override
    public void update(Order o) {
        jdbc.update("UPDATE orders SET status = ?, stopped_at = ?, meter_stop_wh = ?, energy_wh = ?, "
                + "electricity_amount = ?, service_amount = ?, total_amount = ?, paid_amount = ?, amount_due = ?, "
                + "refunded_amount = ?, bill_lines = ?, stop_reason = ?, priced_at = ? WHERE id = ?",
                o.status().name(), ts(o.stoppedAt()), o.meterStopWh(), o.energyWh(), o.electricityAmount().amount(),
                o.serviceAmount().amount(), o.totalAmount().amount(), o.paidAmount().amount(), o.amountDue().amount(),
                o.refundedAmount().amount(), json.writeValueAsString(o.lines()), o.stopReason(), ts(o.pricedAt()),
                o.id());
    }

    @Override
    public Optional<Order> byId(String orderId) {
        return one("SELECT " + COLUMNS + " FROM orders WHERE id = ?", orderId);
    }

    @Override
    public Optional<Order> bySession(String sessionId) {
        return one("SELECT " + COLUMNS + " FROM orders WHERE session_id = ?", sessionId);
    }

    @Override
    public Optional<Order> lock(String orderId) {
        return one("SELECT " + COLUMNS + " FROM orders WHERE id = ? FOR UPDATE", orderId);
    }

    @Override
    public List<Order> lockOwing(String userId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM orders WHERE user_id = ? AND " + OWING
                + " ORDER BY priced_at, id FOR UPDATE", rows, userId);
    }

    @Override
    public Money owed(String userId, Money zero) {
        BigDecimal owed = jdbc.queryForObject("SELECT COALESCE(SUM(amount_due), 0) FROM orders WHERE user_id = ? AND "
                + OWING, BigDecimal.class, userId);
        return zero.plus(Money.roundedHalfUp(owed, zero.currency()));
    }

    @Override
    public boolean owes(String userId) {
        return Boolean.TRUE.equals(jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM orders WHERE user_id = ? AND "
                + OWING + ")", Boolean.class, userId));
    }

    @Override
    public Page<Order> ofUser(String userId, OrderStatus status, String sessionId, int page, int size) {
        var where = new StringBuilder(" WHERE user_id = ?");
        List<Object> args = new ArrayList<>(List.of(userId));
        if (status != null) {
            where.append(" AND status = ?");
            args.add(status.name());
        }
        if (sessionId != null) {
            where.append(" AND session_id = ?");
            args.add(sessionId);
        }
        return page(where.toString(), args, page, size);
    }

    @Override
    public Page<Order> search(OrderStatus status, String operatorCode, Instant from, Instant to, int page, int size) {
        var where = new StringBuilder(" WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (status != null) {
            where.append(" AND status = ?");
            args.add(status.name());
        }
        if (operatorCode != null) {
            where.append(" AND operator_code = ?");
            args.add(operatorCode);
        }
        if (from != null) {
            where.append(" AND started_at >= ?");
            args.add(ts(from));
        }
        if (to != null) {
            where.append(" AND started_at < ?");
            args.add(ts(to));
        }
        return page(where.toString(), args, page, size);
    }

    private Page<Order> page(String where, List<Object> args, int page, int size) {
        Long total = jdbc.queryForObject("SELECT COUNT(*) FROM orders" + where, Long.class, args.toArray());
        List<Object> paged = new ArrayList<>(args);
        paged.add(size);
        paged.add((long) page * size);
        List<Order> items = jdbc.query("SELECT " + COLUMNS + " FROM orders" + where
                + " ORDER BY opened_at DESC, id DESC LIMIT ? OFFSET ?", rows, paged.toArray());
        return new Page<>(items, total == null ? 0 : total);
    }

    private Optional<Order> one(String sql, Object arg) {
        return jdbc.query(sql, rows, arg).stream().findFirst();
    }

    private Order order(ResultSet rs, int row) throws SQLException {
        Currency currency = Currency.getInstance(rs.getString("currency"));
        String lines = rs.getString("bill_lines");
        return new Order(rs.getString("id"), rs.getString("session_id"), rs.getString("user_id"),
                OrderStatus.valueOf(rs.getString("status")), rs.getString("operator_code"),
                rs.getString("connector_code"), rs.getString("charge_point_id"), rs.getInt("connector_id"),
                rs.getInt("transaction_id"), instant(rs, "started_at"), instant(rs, "stopped_at"),
                rs.getLong("meter_start_wh"), (Long) rs.getObject("meter_stop_wh", Long.class),
                rs.getLong("energy_wh"), money(rs, "electricity_amount", currency),
                money(rs, "service_amount", currency), money(rs, "total_amount", currency),
                money(rs, "paid_amount", currency), money(rs, "amount_due", currency),
                money(rs, "refunded_amount", currency), json.readValue(rs.getString("tariff"), TariffSnapshot.class),
                lines == null ? List.of() : json.readValue(lines, LINES), rs.getString("stop_reason"),
                instant(rs, "opened_at"), instant(rs, "priced_at"));
    }

    static Money money(ResultSet rs, String column, Currency currency) throws SQLException {
        // Stored at 4 decimals; always a whole number of the currency's minor unit.
        return Money.of(rs.getBigDecimal(column).stripTrailingZeros(), currency);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
