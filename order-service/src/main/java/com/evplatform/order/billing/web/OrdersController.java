package com.evplatform.order.billing.web;

import java.math.BigDecimal;
import java.net.URI;
import java.util.List;

import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.evplatform.contract.Money;
import com.evplatform.order.billing.application.Page;
import com.evplatform.order.billing.application.Payments;
import com.evplatform.order.billing.application.WalletQueries;
import com.evplatform.order.billing.model.OrderStatus;
import com.evplatform.service.support.refusal.Refusal;
import com.evplatform.service.support.web.PageResponse;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/** A driver's orders, wallet and top-ups (API.md "Orders, wallets and payments"); another's is 404. */
@RestController
@Validated
class OrdersController {

    record TopUpRequest(@NotNull BigDecimal amount) {
    }

    record WalletView(String balance, String currency, String unpaidAmount, List<Views.EntryView> entries) {
    }

    record StartAllowed(String balance, String currency) {
    }

    private final WalletQueries queries;
    private final Payments payments;

    OrdersController(WalletQueries queries, Payments payments) {
        this.queries = queries;
        this.payments = payments;
    }

    @GetMapping("/api/orders")
    PageResponse<Views.OrderView> orders(@AuthenticationPrincipal Jwt token,
            @RequestParam(required = false) String status, @RequestParam(required = false) String sessionId,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        return page(queries.ordersOf(token.getSubject(), status(status), sessionId, page, size).map(Views::order),
                page, size);
    }

    @GetMapping("/api/orders/{orderId}")
    Views.OrderView order(@AuthenticationPrincipal Jwt token, @PathVariable String orderId) {
        return Views.order(queries.orderOf(token.getSubject(), orderId));
    }

    @GetMapping("/api/wallet")
    WalletView wallet(@AuthenticationPrincipal Jwt token) {
        WalletQueries.Wallet wallet = queries.wallet(token.getSubject());
        return new WalletView(Views.text(wallet.balance()), wallet.balance().currency().getCurrencyCode(),
                Views.text(wallet.unpaid()), wallet.entries().stream().map(Views::entry).toList());
    }

    @GetMapping("/api/wallet/entries")
    PageResponse<Views.EntryView> entries(@AuthenticationPrincipal Jwt token,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        return page(queries.entries(token.getSubject(), page, size).map(Views::entry), page, size);
    }

    /** What charging-service asks before it starts a session for this driver. */
    @GetMapping("/api/wallet/start-check")
    @PreAuthorize("hasRole('DRIVER')")
    StartAllowed startCheck(@AuthenticationPrincipal Jwt token) {
        Money balance = queries.startCheck(token.getSubject());
        return new StartAllowed(Views.text(balance), balance.currency().getCurrencyCode());
    }

    @PostMapping("/api/wallet/top-ups")
    @PreAuthorize("hasRole('DRIVER')")
    ResponseEntity<Views.TopUpView> topUp(@AuthenticationPrincipal Jwt token,
            @Valid @RequestBody TopUpRequest request) {
        var topUp = payments.requestTopUp(token.getSubject(), request.amount());
        return ResponseEntity.created(URI.create("/api/wallet/top-ups/" + topUp.id())).body(Views.topUp(topUp));
    }

    @GetMapping("/api/wallet/top-ups/{topUpId}")
    Views.TopUpView topUp(@AuthenticationPrincipal Jwt token, @PathVariable String topUpId) {
        return Views.topUp(payments.topUpOf(token.getSubject(), topUpId));
    }

    static <T> PageResponse<T> page(Page<T> found, int page, int size) {
        return new PageResponse<>(found.items(), page, size, found.total());
    }

    static OrderStatus status(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return OrderStatus.valueOf(text);
        } catch (IllegalArgumentException e) {
            throw Refusal.invalid("status", "one of " + List.of(OrderStatus.values()));
        }
    }
}
