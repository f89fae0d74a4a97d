package com.evplatform.charging.session.infrastructure;

import java.math.BigDecimal;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;

import com.evplatform.charging.session.application.ChargingProperties;
import com.evplatform.charging.session.application.Wallets;
import com.evplatform.service.support.refusal.Refusal;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The wallet check of a start (API.md "Orders, wallets and payments"): {@code GET
 * /api/wallet/start-check} with the driver's own token, with its own time limit and circuit
 * breaker. A 402 is order-service's refusal, passed on with its code and properties; an
 * unreachable, slow or failing order-service is a 503 ORDER_SERVICE_UNAVAILABLE.
 */
@Component
public class OrderClient implements Wallets {

    private static final Logger log = LoggerFactory.getLogger(OrderClient.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** RFC 9457 members and our own: the rest of a 402 problem are the refusal's properties. */
    private static final Set<String> PROBLEM_MEMBERS = Set.of("type", "title", "status", "detail", "instance",
            "code", "traceId");

    record Allowance(String balance, String currency) {
    }

    private final Upstream upstream;

    OrderClient(ChargingProperties properties) {
        this.upstream = new Upstream("order-service", properties.orderServiceUrl(), properties.orderTimeout());
    }

    @Override
    public StartAllowance check(String userId, String bearerToken) {
        return upstream.call(() -> {
            try {
                Allowance allowance = upstream.http().get().uri("/api/wallet/start-check")
                        .header("Authorization", "Bearer " + bearerToken).retrieve().body(Allowance.class);
                if (allowance == null || allowance.balance() == null) {
                    // counted as a failure, like a 5xx: order-service is not answering as it should
                    throw new IllegalStateException("start check answered without a balance");
                }
                return new StartAllowance(new BigDecimal(allowance.balance()), allowance.currency());
            } catch (HttpClientErrorException e) {
                if (e.getStatusCode().value() == 402) {
                    Refusal refused = paymentRequired(e.getResponseBodyAsByteArray());
                    log.info("order-service refused a start for user {}: {}", userId, refused.code());
                    throw refused;
                }
                throw upstream.refused(e);
            }
        });
    }

    public CircuitBreaker.State circuitState() {
        return upstream.circuitState();
    }

    /** order-service's problem, as ours: the same code, detail and extra properties. */
    static Refusal paymentRequired(byte[] body) {
        JsonNode problem;
        try {
            problem = JSON.readTree(body);
        } catch (RuntimeException e) {
            problem = JSON.createObjectNode();
        }
        String code = problem.path("code").isString() ? problem.path("code").asString() : "PAYMENT_REQUIRED";
        String detail = problem.path("detail").isString() ? problem.path("detail").asString()
                : "Your wallet does not allow a start now";
        var refused = new Refusal(Refusal.Kind.PAYMENT_REQUIRED, code, detail);
        if (problem.isObject()) {
            for (var property : problem.properties()) {
                JsonNode value = property.getValue();
                if (!PROBLEM_MEMBERS.contains(property.getKey()) && value.isValueNode() && !value.isNull()) {
                    refused.with(property.getKey(), valueOf(value));
                }
            }
        }
        return refused;
    }

    private static Object valueOf(JsonNode value) {
        if (value.isNumber()) {
            return value.numberValue();
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        return value.asString();
    }
}
