package com.evplatform.reconciliation.records.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import com.evplatform.charging.contract.TariffSnapshot;
import com.evplatform.contract.EnergyWh;
import com.evplatform.contract.Money;
import com.evplatform.device.contract.DeviceEvent;
import com.evplatform.order.contract.OrderEvent;
import com.evplatform.reconciliation.records.application.PricedOrder;
import com.evplatform.reconciliation.records.application.RecordChanges;

import tools.jackson.databind.json.JsonMapper;

/**
 * The lock order of an ingest batch, read from the statements the store sends: two partitions'
 * batches can only deadlock if they lock the same tables or rows in different orders.
 */
class JdbcRecordStoreTest {

    private static final Instant AT = Instant.parse("2031-05-01T08:30:00Z");
    private static final TariffSnapshot TARIFF = new TariffSnapshot("CNY", List.of(
            new TariffSnapshot.Segment("00:00", new BigDecimal("0.60"), new BigDecimal("0.40"))), "UTC");

    /** The statements sent, with their arguments. */
    private static final class RecordingJdbc extends JdbcTemplate {
        final List<String> sql = new ArrayList<>();
        final List<List<Object>> args = new ArrayList<>();

        @Override
        public int update(String statement, Object... values) {
            sql.add(statement.replaceAll("\\s+", " ").trim());
            args.add(Arrays.asList(values));
            return values.length;
        }

        List<String> tables() {
            return sql.stream().map(s -> s.replaceFirst("^(INSERT (IGNORE )?INTO|UPDATE) (\\w+).*", "$3")).toList();
        }
    }

    private final RecordingJdbc jdbc = new RecordingJdbc();
    private final JdbcRecordStore store = new JdbcRecordStore(jdbc, JsonMapper.builder().build());

    @Test
    void a_batch_of_stops_locks_transactions_before_the_orders_it_marks_changed() {
        RecordChanges changes = new RecordChanges();
        changes.stopped().addAll(List.of(stopped(30), stopped(10), stopped(20)));

        store.apply(changes, AT);

        assertThat(jdbc.tables()).containsExactly("charger_transactions", "billed_orders");
        assertThat(jdbc.args.get(0)).element(0).isEqualTo(10);
        assertThat(jdbc.args.get(1)).containsExactly(java.sql.Timestamp.from(AT), 10, 20, 30);
    }

    @Test
    void a_batch_of_orders_locks_their_transactions_before_the_orders() {
        RecordChanges changes = new RecordChanges();
        String second = "b" + UUID.randomUUID();
        String first = "a" + UUID.randomUUID();
        changes.opened().add(opened(second, 7));
        changes.opened().add(opened(first, 5));
        changes.priced().add(priced(second, 7));
        changes.priced().add(priced(first, 5));

        store.apply(changes, AT);

        assertThat(jdbc.tables()).containsExactly("charger_transactions", "billed_orders", "billed_orders");
        assertThat(jdbc.args.get(0)).containsExactly(java.sql.Timestamp.from(AT), 5, 7);
        assertThat(jdbc.args.get(1).get(0)).isEqualTo(first);
        assertThat(jdbc.args.get(2).get(0)).isEqualTo(first);
    }

    @Test
    void a_mixed_batch_takes_every_transaction_lock_before_any_order_lock() {
        RecordChanges changes = new RecordChanges();
        changes.priced().add(priced("o-1", 2));
        changes.stopped().add(stopped(3));
        changes.started().add(started(4));
        changes.paid().add(new OrderEvent.OrderPaid("o-1", "u-1", Money.of("1.00", "CNY"), Money.zero(
                java.util.Currency.getInstance("CNY")), UUID.randomUUID().toString(), AT));

        store.apply(changes, AT);

        List<String> tables = jdbc.tables();
        assertThat(tables.lastIndexOf("charger_transactions")).isLessThan(tables.indexOf("billed_orders"));
        assertThat(tables).containsExactly("charger_transactions", "charger_transactions", "billed_orders",
                "billed_orders", "billed_orders");
    }

    @Test
    void starts_and_stops_lock_their_transactions_in_one_statement_by_transaction_id() {
        RecordChanges changes = new RecordChanges();
        changes.started().add(started(9));
        changes.stopped().add(stopped(4));
        changes.started().add(started(4));

        store.apply(changes, AT);

        List<Object> values = jdbc.args.getFirst();
        int columns = values.size() / 3;
        assertThat(jdbc.tables().getFirst()).isEqualTo("charger_transactions");
        assertThat(List.of(values.get(0), values.get(columns), values.get(2 * columns))).containsExactly(4, 4, 9);
        // transaction 4: its start before its stop, whatever order they came in
        assertThat(values.get(9)).isNull();
        assertThat(values.get(columns + 9)).isNotNull();
    }

    @Test
    void events_of_one_order_keep_their_delivery_order_when_sorted() {
        RecordChanges changes = new RecordChanges();
        changes.priced().add(priced("o-2", 9));
        changes.priced().add(priced("o-1", 8, "UNPAID"));
        changes.priced().add(priced("o-1", 8, "SETTLED"));

        store.apply(changes, AT);

        List<Object> values = jdbc.args.get(1);
        int columns = values.size() / 3;
        assertThat(List.of(values.get(0), values.get(columns), values.get(2 * columns)))
                .containsExactly("o-1", "o-1", "o-2");
        assertThat(List.of(values.get(6), values.get(columns + 6))).containsExactly("UNPAID", "SETTLED");
    }

    private static DeviceEvent.TransactionStarted started(int transactionId) {
        return new DeviceEvent.TransactionStarted("CP-1", 1, transactionId, "TAG", "Accepted", "s-" + transactionId,
                1_000, AT.minusSeconds(3_600), "GREENVOLT");
    }

    private static DeviceEvent.TransactionStopped stopped(int transactionId) {
        return new DeviceEvent.TransactionStopped("CP-1", 1, transactionId, "TAG", "s-" + transactionId, 1_000, 2_000,
                AT.minusSeconds(3_600), AT, "Remote", List.of(), "GREENVOLT");
    }

    private static OrderEvent.OrderOpened opened(String orderId, int transactionId) {
        return new OrderEvent.OrderOpened(orderId, "s-" + transactionId, "u-1", "GREENVOLT", "CP-1", 1, transactionId,
                AT.minusSeconds(3_600));
    }

    private static PricedOrder priced(String orderId, int transactionId) {
        return priced(orderId, transactionId, "SETTLED");
    }

    private static PricedOrder priced(String orderId, int transactionId, String status) {
        Money total = Money.of("1.00", "CNY");
        return new PricedOrder(orderId, "s-" + transactionId, "u-1", "GREENVOLT", "CP-1", transactionId, status,
                EnergyWh.of(1_000), total, total, 1_000L, 2_000L, AT.minusSeconds(3_600), AT, TARIFF, List.of());
    }
}
