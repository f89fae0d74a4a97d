package com.evplatform.order.billing.infrastructure;

import java.time.Instant;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import com.evplatform.order.billing.application.Adjustments;
import com.evplatform.order.billing.model.Order;
import com.evplatform.reconciliation.contract.ReconciliationEvent;

/** Adjustments applied, in {@code order_adjustments}: the adjustment id is the primary key. */
@Repository
class JdbcAdjustments implements Adjustments {

    private final JdbcTemplate jdbc;

    JdbcAdjustments(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean insert(ReconciliationEvent.AdjustmentRequested request, Order.Adjusted outcome, Instant now) {
        Order order = outcome.order();
        try {
            jdbc.update("INSERT INTO order_adjustments (adjustment_id, order_id, mismatch_id, kind, currency, "
                    + "new_total, difference, wallet_amount, note, requested_by, requested_at, applied_at) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", request.adjustmentId(), order.id(),
                    request.mismatchId(), request.kind(), order.totalAmount().currency().getCurrencyCode(),
                    order.totalAmount().amount(), outcome.difference().amount(), outcome.toWallet().amount(),
                    request.note(), request.requestedBy(), JdbcOrders.ts(request.at()), JdbcOrders.ts(now));
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }
}
