package com.evplatform.order.billing.application;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import com.evplatform.contract.Money;
import com.evplatform.order.billing.model.Order;
import com.evplatform.order.billing.model.OrderStatus;

/** Port: where orders are kept. Methods named lock... hold the row until the transaction ends. */
public interface Orders {

    /** @return false when the session has an order already (nothing written) */
    boolean insert(Order order);

    void update(Order order);

    Optional<Order> byId(String orderId);

    Optional<Order> bySession(String sessionId);

    Optional<Order> lock(String orderId);

    /** The driver's orders with money due (UNPAID, OVERDUE, or ADJUSTED upwards), oldest first. */
    List<Order> lockOwing(String userId);

    /** What the driver owes in all, on the orders {@link #lockOwing} takes; the currency's zero when nothing. */
    Money owed(String userId, Money zero);

    boolean owes(String userId);

    Page<Order> ofUser(String userId, OrderStatus status, String sessionId, int page, int size);

    /** @param operatorCode only this operator's orders, or all when null */
    Page<Order> search(OrderStatus status, String operatorCode, Instant from, Instant to, int page, int size);
}
