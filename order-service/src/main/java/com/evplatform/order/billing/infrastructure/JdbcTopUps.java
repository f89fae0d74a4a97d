package com.evplatform.order.billing.infrastructure;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Currency;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import com.evplatform.contract.Money;
import com.evplatform.order.billing.application.Refunds;
import com.evplatform.order.billing.application.TopUps;
import com.evplatform.order.billing.model.TopUp;

/** Top-ups, the provider events applied, and refunds by reference. */
@Repository
class JdbcTopUps implements TopUps, Refunds {

    private static final String COLUMNS = "id, user_id, amount, currency, status, payment_id, created_at";

    private final JdbcTemplate jdbc;

    JdbcTopUps(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void insert(TopUp t) {
        jdbc.update("INSERT INTO top_ups (" + COLUMNS + ", updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", t.id(),
                t.userId(), t.amount().amount(), t.amount().currency().getCurrencyCode(), t.status().name(),
                t.paymentId(), JdbcOrders.ts(t.createdAt()), JdbcOrders.ts(t.createdAt()));
    }

    @Override
    public Optional<TopUp> byId(String topUpId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM top_ups WHERE id = ?", JdbcTopUps::topUp, topUpId).stream()
                .findFirst();
    }

    @Override
    public Optional<TopUp> lock(String topUpId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM top_ups WHERE id = ? FOR UPDATE", JdbcTopUps::topUp, topUpId)
                .stream().findFirst();
    }

    @Override
    public void update(TopUp t, Instant now) {
        jdbc.update("UPDATE top_ups SET status = ?, payment_id = ?, updated_at = ? WHERE id = ?", t.status().name(),
                t.paymentId(), JdbcOrders.ts(now), t.id());
    }

    @Override
    public boolean firstTimeSeen(String eventId, String paymentId, String topUpId, String type, Instant occurredAt,
            Instant now) {
        return jdbc.update("INSERT IGNORE INTO payment_events (event_id, payment_id, top_up_id, type, occurred_at, "
                + "received_at) VALUES (?, ?, ?, ?, ?, ?)", eventId, paymentId, topUpId, type,
                JdbcOrders.ts(occurredAt), JdbcOrders.ts(now)) == 1;
    }

    @Override
    public boolean insert(String reference, String orderId, Money amount, String reason, String by, Instant now) {
        return jdbc.update("INSERT IGNORE INTO refunds (reference, order_id, amount, reason, created_by, created_at) "
                + "VALUES (?, ?, ?, ?, ?, ?)", reference, orderId, amount.amount(), reason, by,
                JdbcOrders.ts(now)) == 1;
    }

    private static TopUp topUp(ResultSet rs, int row) throws SQLException {
        Currency currency = Currency.getInstance(rs.getString("currency"));
        return new TopUp(rs.getString("id"), rs.getString("user_id"), JdbcOrders.money(rs, "amount", currency),
                TopUp.Status.valueOf(rs.getString("status")), rs.getString("payment_id"),
                JdbcOrders.instant(rs, "created_at"));
    }
}
