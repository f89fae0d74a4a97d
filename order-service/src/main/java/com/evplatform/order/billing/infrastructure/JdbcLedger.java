package com.evplatform.order.billing.infrastructure;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Currency;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

import com.evplatform.contract.Money;
import com.evplatform.order.billing.application.Ledger;
import com.evplatform.order.billing.application.Page;
import com.evplatform.order.billing.model.EntryType;
import com.evplatform.order.billing.model.LedgerEntry;

/** Wallets ({@code wallets}) and their ledgers ({@code ledger_entries}). */
@Repository
class JdbcLedger implements Ledger {

    private static final String COLUMNS = "id, user_id, entry_key, type, amount, balance_after, currency, order_id, "
            + "top_up_id, reference, created_at";

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final RowMapper<LedgerEntry> rows = JdbcLedger::entry;

    JdbcLedger(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public Money lockBalance(String userId, Currency currency) {
        // Never lock a row that does not exist: in MariaDB's REPEATABLE READ that takes a gap lock,
        // and two first deposits of different drivers would then deadlock on their inserts. A plain
        // read decides; a missing wallet is created with an exclusive lock from the start.
        if (!exists(userId)) {
            open(userId, currency);
        }
        return lock(userId).getFirst();
    }

    @Override
    public void open(String userId, Currency currency) {
        // ON DUPLICATE KEY takes the existing row's lock exclusively (INSERT IGNORE would share it,
        // and two sharers upgrading to FOR UPDATE deadlock each other).
        jdbc.update("INSERT INTO wallets (user_id, currency, balance, updated_at) VALUES (?, ?, 0, ?) "
                + "ON DUPLICATE KEY UPDATE user_id = user_id", userId, currency.getCurrencyCode(),
                JdbcOrders.ts(clock.instant()));
    }

    private boolean exists(String userId) {
        return !jdbc.queryForList("SELECT 1 FROM wallets WHERE user_id = ?", Integer.class, userId).isEmpty();
    }

    private List<Money> lock(String userId) {
        return jdbc.query("SELECT balance, currency FROM wallets WHERE user_id = ? FOR UPDATE",
                (rs, i) -> JdbcOrders.money(rs, "balance", Currency.getInstance(rs.getString("currency"))), userId);
    }

    @Override
    public Money balance(String userId, Currency currency) {
        return jdbc.query("SELECT balance, currency FROM wallets WHERE user_id = ?",
                (rs, i) -> JdbcOrders.money(rs, "balance", Currency.getInstance(rs.getString("currency"))), userId)
                .stream().findFirst().orElse(Money.zero(currency));
    }

    @Override
    public Optional<LedgerEntry> byKey(String key) {
        return jdbc.query("SELECT " + COLUMNS + " FROM ledger_entries WHERE entry_key = ?", rows, key).stream()
                .findFirst();
    }

    @Override
    public void append(LedgerEntry e) {
        jdbc.update("INSERT INTO ledger_entries (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", e.id(),
                e.userId(), e.key(), e.type().name(), e.amount().amount(), e.balanceAfter().amount(),
                e.amount().currency().getCurrencyCode(), e.orderId(), e.topUpId(), e.reference(),
                JdbcOrders.ts(e.createdAt()));
        int updated = jdbc.update("UPDATE wallets SET balance = ?, updated_at = ? WHERE user_id = ?",
                e.balanceAfter().amount(), JdbcOrders.ts(e.createdAt()), e.userId());
        if (updated != 1) {
            throw new IllegalStateException("no wallet for " + e.userId());
        }
    }

    @Override
    public Page<LedgerEntry> entries(String userId, int page, int size) {
        Long total = jdbc.queryForObject("SELECT COUNT(*) FROM ledger_entries WHERE user_id = ?", Long.class, userId);
        List<LedgerEntry> items = jdbc.query("SELECT " + COLUMNS + " FROM ledger_entries WHERE user_id = ? "
                + "ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?", rows, userId, size, (long) page * size);
        return new Page<>(items, total == null ? 0 : total);
    }

    @Override
    public Money sum(String userId, Currency currency) {
        BigDecimal sum = jdbc.queryForObject("SELECT COALESCE(SUM(amount), 0) FROM ledger_entries WHERE user_id = ?",
                BigDecimal.class, userId);
        return Money.of(sum.stripTrailingZeros(), currency);
    }

    private static LedgerEntry entry(ResultSet rs, int row) throws SQLException {
        Currency currency = Currency.getInstance(rs.getString("currency"));
        return new LedgerEntry(rs.getString("id"), rs.getString("user_id"), rs.getString("entry_key"),
                EntryType.valueOf(rs.getString("type")), JdbcOrders.money(rs, "amount", currency),
                JdbcOrders.money(rs, "balance_after", currency), rs.getString("order_id"), rs.getString("top_up_id"),
                rs.getString("reference"), JdbcOrders.instant(rs, "created_at"));
    }
}
