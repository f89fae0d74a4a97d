package com.evplatform.order.billing.web;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;

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

import com.evplatform.order.billing.application.AdminMoney;
import com.evplatform.order.billing.application.WalletQueries;
import com.evplatform.service.support.web.PageResponse;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Operators' and admins' view of orders, refunds and wallet credits (OPERATOR: its own stations' orders). */
@RestController
@Validated
class AdminOrdersController {

    record RefundRequest(@NotNull BigDecimal amount, @NotBlank @Size(max = 300) String reason,
            @NotBlank @Size(max = 100) String reference) {
    }

    /** A goodwill credit: at most a million, far below what the ledger's columns hold. */
    record CreditRequest(@NotNull @DecimalMax(value = "1000000.00", message = "at most 1000000.00") BigDecimal amount,
            @NotBlank @Size(max = 100) String reference) {
    }

    /** auth-service's user ids are UUIDs: anything else names nobody, and no wallet is opened for it. */
    static final String USER_ID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    private final WalletQueries queries;
    private final AdminMoney money;

    AdminOrdersController(WalletQueries queries, AdminMoney money) {
        this.queries = queries;
        this.money = money;
    }

    @GetMapping("/api/admin/orders")
    @PreAuthorize("hasAnyRole('OPERATOR', 'ADMIN')")
    PageResponse<Views.OrderView> orders(@AuthenticationPrincipal Jwt token,
            @RequestParam(required = false) String status, @RequestParam(required = false) String operatorCode,
            @RequestParam(required = false) Instant from, @RequestParam(required = false) Instant to,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        return OrdersController.page(queries.search(caller(token), OrdersController.status(status), operatorCode,
                from, to, page, size).map(Views::order), page, size);
    }

    @PostMapping("/api/admin/orders/{orderId}/refunds")
    @PreAuthorize("hasAnyRole('OPERATOR', 'ADMIN')")
    ResponseEntity<Views.OrderView> refund(@AuthenticationPrincipal Jwt token, @PathVariable String orderId,
            @Valid @RequestBody RefundRequest request) {
        var order = money.refund(caller(token), orderId, request.amount(), request.reason(), request.reference());
        return ResponseEntity.created(URI.create("/api/orders/" + orderId)).body(Views.order(order));
    }

    @PostMapping("/api/admin/wallets/{userId}/credits")
    @PreAuthorize("hasRole('ADMIN')")
    ResponseEntity<Views.EntryView> credit(
            @PathVariable @Pattern(regexp = USER_ID, message = "a user id (UUID)") String userId,
            @Valid @RequestBody CreditRequest request) {
        var entry = money.credit(userId, request.amount(), request.reference());
        return ResponseEntity.created(URI.create("/api/wallet/entries/" + entry.id())).body(Views.entry(entry));
    }

    static AdminMoney.Caller caller(Jwt token) {
        var roles = token.getClaimAsStringList("roles");
        boolean admin = roles != null && roles.contains("ADMIN");
        return new AdminMoney.Caller(token.getSubject(), admin, token.getClaimAsString("operatorCode"));
    }
}
