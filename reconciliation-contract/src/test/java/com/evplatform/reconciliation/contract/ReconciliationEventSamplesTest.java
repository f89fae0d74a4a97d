package com.evplatform.reconciliation.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.evplatform.contract.MessageType;
import com.evplatform.contract.Money;
import com.evplatform.testsupport.ContractSamples;

import tools.jackson.databind.json.JsonMapper;

/**
 * The producer's side of reconciliation.events (ADR 9): every kind goes on the wire as the golden
 * samples in this module say, written as the outbox writes payloads.
 */
class ReconciliationEventSamplesTest {

    private static final Instant AT = Instant.parse("2026-03-02T02:15:00Z");
    private static final String ORDER = "0190f1d2-aaaa-7a10-8b1e-3c2d4e5f6a7b";

    @Test
    void reconciliation_events_go_on_the_wire_as_the_golden_samples_say() {
        Map<MessageType<?>, Object> samples = Map.of(
                ReconciliationEvents.ADJUSTMENT_REQUESTED, new ReconciliationEvent.AdjustmentRequested(
                        "0190f1e0-dddd-7a10-8b1e-3c2d4e5f6a7b", "0190f1e0-eeee-7a10-8b1e-3c2d4e5f6a7b", ORDER,
                        "AMOUNT_MISMATCH", Money.of("10.20", "CNY"), "repriced from the tariff snapshot",
                        "0190f1d2-0000-7a10-8b1e-000000000009", AT));

        ContractSamples.assertProducerWrites(Path.of("."), JsonMapper.builder().build(), ReconciliationEvents.ALL,
                samples);
    }

    @Test
    void every_kind_is_partitioned_by_its_order() {
        var adjustment = ContractSamples.read(ReconciliationEvents.ADJUSTMENT_REQUESTED);

        assertThat(ReconciliationEvents.kindOf(adjustment)).isEqualTo(ReconciliationEvents.ADJUSTMENT_REQUESTED);
        assertThat(ReconciliationEvents.orderAggregate(adjustment.orderId())).isEqualTo("order:" + ORDER);
        assertThat(ContractSamples.tree(ReconciliationEvents.ADJUSTMENT_REQUESTED).path("expectedTotal")
                .path("amount").asString()).isEqualTo("10.20");
    }
}
