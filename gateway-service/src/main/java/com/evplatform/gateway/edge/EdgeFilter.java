package com.evplatform.gateway.edge;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

import reactor.core.publisher.Mono;

/**
 * What every routed request goes through at the edge: identity and forwarding headers a
 * client sent are dropped (only the gateway may state who the caller is and where it
 * connected from), the verified identity and the connection's peer address
 * ({@code X-Forwarded-For}, one hop) are passed on, a trace context is started or carried,
 * and one access-log line is written.
 *
 * <p>Not Spring Cloud Gateway's {@code XForwardedHeadersFilter}: it only runs with
 * {@code trusted-proxies} set, and that setting also makes the gateway's server believe the
 * {@code Forwarded} / {@code X-Forwarded-For} headers of matching peers, i.e. of clients.
 */
@Component
class EdgeFilter implements GlobalFilter, Ordered {

    private static final Logger accessLog = LoggerFactory.getLogger("gateway.access");

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        long started = System.nanoTime();
        String traceparent = TraceIds.traceparent(exchange);
        return ReactiveSecurityContextHolder.getContext()
                .map(SecurityContext::getAuthentication)
                .filter(JwtAuthenticationToken.class::isInstance)
                .cast(JwtAuthenticationToken.class)
                .map(token -> withIdentity(exchange, traceparent, token))
                .defaultIfEmpty(withIdentity(exchange, traceparent, null))
                .flatMap(chain::filter)
                .doFinally(signal -> {
                    Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
                    var status = exchange.getResponse().getStatusCode();
                    accessLog.info("{} {} route={} status={} latencyMs={} trace={}",
                            exchange.getRequest().getMethod(), exchange.getRequest().getPath().value(),
                            route == null ? "-" : route.getId(), status == null ? "-" : status.value(),
                            (System.nanoTime() - started) / 1_000_000, TraceIds.of(exchange));
                });
    }

    private static ServerWebExchange withIdentity(ServerWebExchange exchange, String traceparent,
            JwtAuthenticationToken token) {
        ServerHttpRequest request = exchange.getRequest().mutate().headers(headers -> {
            List<String> forged = headers.headerNames().stream().filter(EdgeFilter::statedByTheGatewayOnly)
                    .toList();
            forged.forEach(headers::remove);
            InetSocketAddress peer = exchange.getRequest().getRemoteAddress();
            if (peer != null && peer.getAddress() != null) {
                headers.set("X-Forwarded-For", peer.getAddress().getHostAddress());
            }
            headers.set("traceparent", traceparent);
            if (token != null) {
                headers.set("X-User-Id", token.getToken().getSubject());
                List<String> roles = token.getToken().getClaimAsStringList("roles");
                headers.set("X-User-Roles", roles == null ? "" : String.join(",", roles));
                String operator = token.getToken().getClaimAsString("operatorCode");
                if (operator != null) {
                    headers.set("X-User-Operator", operator);
                }
            }
        }).build();
        return exchange.mutate().request(request).build();
    }

    private static boolean statedByTheGatewayOnly(String header) {
        String name = header.toLowerCase(Locale.ROOT);
        return name.startsWith("x-user-") || name.startsWith("x-forwarded-") || name.equals("forwarded")
                || name.equals("x-real-ip");
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 10;
    }
}
