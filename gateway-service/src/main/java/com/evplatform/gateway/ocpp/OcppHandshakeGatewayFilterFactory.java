package com.evplatform.gateway.ocpp;

import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.OrderedGatewayFilter;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;
import org.springframework.web.reactive.socket.client.WebSocketClient;
import org.springframework.web.reactive.socket.server.WebSocketService;
import org.springframework.web.server.ServerWebExchange;

import com.evplatform.gateway.edge.Problems;

import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakeException;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.Connection;
import reactor.netty.http.client.HttpClient;

/**
 * The {@code OcppHandshake} route filter: a charger is upgraded only after device-service has
 * upgraded the gateway's own connection for it, so the charger's answer is device-service's.
 *
 * <p>Spring Cloud Gateway's {@code WebsocketRoutingFilter} upgrades the client first and opens
 * the upstream afterwards: a wrong password, an unknown id or a missing {@code ocpp1.6} got 101
 * and then a close. Here the order is reversed. The charger's offered subprotocols, its
 * {@code Authorization}, the {@code X-Forwarded-For} and {@code traceparent} the edge set go to
 * device-service in a handshake of their own; a refusal (400, 401, 404, 429, 503) is passed back
 * with its {@code Retry-After} and {@code WWW-Authenticate}; no answer within the handshake
 * timeout, or no device-service at all, is a 503 with a jittered {@code Retry-After}. Only after
 * device-service's 101 is the charger upgraded, with the one subprotocol device-service chose,
 * and frames and closes are relayed both ways. See ADR 16.
 */
@Component
@EnableConfigurationProperties(OcppEdgeProperties.class)
class OcppHandshakeGatewayFilterFactory extends AbstractGatewayFilterFactory<Object> {

    /** After the request URL is resolved, before Spring Cloud Gateway's own WebSocket routing would run. */
    static final int ORDER = Ordered.LOWEST_PRECEDENCE - 2;

    private static final Logger log = LoggerFactory.getLogger(OcppHandshakeGatewayFilterFactory.class);
    private static final String SEC_WEBSOCKET_PROTOCOL = "Sec-WebSocket-Protocol";
    private static final List<String> PASSED_ON = List.of(HttpHeaders.AUTHORIZATION, "X-Forwarded-For", "traceparent");

    private final WebSocketService upgrades;
    private final WebSocketClient deviceService;
    private final OcppEdgeProperties properties;

    OcppHandshakeGatewayFilterFactory(WebSocketService upgrades, OcppEdgeProperties properties) {
        super(Object.class);
        this.upgrades = upgrades;
        this.properties = properties;
        this.deviceService = new ReactorNettyWebSocketClient(HttpClient.create()
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) properties.handshakeTimeout().toMillis()));
    }

    @Override
    public GatewayFilter apply(Object config) {
        return new OrderedGatewayFilter(this::filter, ORDER);
    }

    private Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        HttpHeaders request = exchange.getRequest().getHeaders();
        if (!"websocket".equalsIgnoreCase(request.getUpgrade())) {
            return Problems.write(exchange, HttpStatus.BAD_REQUEST, "WEBSOCKET_REQUIRED",
                    "Chargers connect here with a WebSocket upgrade (OCPP 1.6J, subprotocol ocpp1.6).");
        }
        ServerWebExchangeUtils.setAlreadyRouted(exchange);
        URI upstream = exchange.getRequiredAttribute(GATEWAY_REQUEST_URL_ATTR);
        HttpHeaders passed = new HttpHeaders();
        PASSED_ON.forEach(name -> {
            List<String> values = request.get(name);
            if (values != null) {
                passed.put(name, values);
            }
        });
        AtomicBoolean accepted = new AtomicBoolean();
        Mono<Void> session = deviceService.execute(upstream, passed,
                new Upstream(exchange, offeredSubprotocols(request), accepted));
        Mono<Void> unanswered = Mono.delay(properties.handshakeTimeout()).then(Mono.defer(() -> accepted.get()
                ? Mono.<Void>never() : Mono.<Void>error(new TimeoutException("no handshake answer"))));
        return Mono.firstWithSignal(session, unanswered).onErrorResume(e -> refuse(exchange, e));
    }

    /** device-service's refusal as it gave it, or 503 when it gave none. */
    private Mono<Void> refuse(ServerWebExchange exchange, Throwable error) {
        if (exchange.getResponse().isCommitted()) {
            log.debug("OCPP connection {} ended: {}", exchange.getRequest().getPath(), error.toString());
            return Mono.empty();
        }
        HttpHeaders answer = exchange.getResponse().getHeaders();
        if (error instanceof WebSocketClientHandshakeException refused && refused.response() != null) {
            var response = refused.response();
            HttpStatus status = HttpStatus.resolve(response.status().code());
            for (String name : List.of(HttpHeaders.RETRY_AFTER, HttpHeaders.WWW_AUTHENTICATE)) {
                String value = response.headers().get(name);
                if (value != null) {
                    answer.set(name, value);
                }
            }
            if (status != null && status.isError()) {
                return Problems.write(exchange, status, refusalCode(status), refusalDetail(status));
            }
        }
        log.info("no device-service answered the OCPP handshake of {}: {}", exchange.getRequest().getPath(),
                error.toString());
        answer.set(HttpHeaders.RETRY_AFTER, String.valueOf(retryAfterSeconds()));
        return Problems.write(exchange, HttpStatus.SERVICE_UNAVAILABLE, "DEVICE_SERVICE_UNAVAILABLE",
                "No device-service can take this charger right now; reconnect after the time in Retry-After.");
    }

    private long retryAfterSeconds() {
        long jitter = properties.retryJitter().toMillis();
        long millis = properties.retryAfter().toMillis() + (jitter > 0 ? ThreadLocalRandom.current().nextLong(jitter + 1)
                : 0);
        return Math.max(1, (millis + 999) / 1000);
    }

    private static String refusalCode(HttpStatus status) {
        return switch (status) {
            case BAD_REQUEST -> "OCPP_SUBPROTOCOL_REQUIRED";
            case UNAUTHORIZED -> "CHARGER_UNAUTHENTICATED";
            case NOT_FOUND -> "CHARGER_NOT_FOUND";
            case TOO_MANY_REQUESTS -> "TOO_MANY_ATTEMPTS";
            case SERVICE_UNAVAILABLE -> "DEVICE_SERVICE_UNAVAILABLE";
            default -> "OCPP_HANDSHAKE_REFUSED";
        };
    }

    private static String refusalDetail(HttpStatus status) {
        return switch (status) {
            case BAD_REQUEST -> "Chargers must offer the WebSocket subprotocol ocpp1.6.";
            case UNAUTHORIZED -> "Unknown charger or wrong password (HTTP Basic chargePointId:AuthorizationKey).";
            case NOT_FOUND -> "No charger can have this id.";
            case TOO_MANY_REQUESTS -> "Too many connection attempts; reconnect after the time in Retry-After.";
            case SERVICE_UNAVAILABLE -> "device-service cannot take this charger right now; reconnect after the time "
                    + "in Retry-After.";
            default -> "device-service refused the connection.";
        };
    }

    private static List<String> offeredSubprotocols(HttpHeaders request) {
        List<String> values = request.get(SEC_WEBSOCKET_PROTOCOL);
        return values == null ? List.of()
                : values.stream().flatMap(value -> Arrays.stream(value.split(","))).map(String::strip)
                        .filter(protocol -> !protocol.isEmpty()).toList();
    }

    /** device-service's side: once it has upgraded, the charger is upgraded and bridged to it. */
    private final class Upstream implements WebSocketHandler {
        private final ServerWebExchange exchange;
        private final List<String> offered;
        private final AtomicBoolean accepted;

        Upstream(ServerWebExchange exchange, List<String> offered, AtomicBoolean accepted) {
            this.exchange = exchange;
            this.offered = offered;
            this.accepted = accepted;
        }

        @Override
        public List<String> getSubProtocols() {
            return offered;
        }

        @Override
        public Mono<Void> handle(WebSocketSession device) {
            accepted.set(true);
            String subprotocol = device.getHandshakeInfo().getSubProtocol();
            // The charger is offered device-service's choice alone (WebFlux's own choice would not
            // find it in "ocpp2.0.1, ocpp1.6": it does not trim the list's entries).
            ServerWebExchange chosen = exchange.mutate().request(request -> request.headers(headers -> {
                if (subprotocol == null) {
                    headers.remove(SEC_WEBSOCKET_PROTOCOL);
                } else {
                    headers.set(SEC_WEBSOCKET_PROTOCOL, subprotocol);
                }
            })).build();
            // The upgrade completes once the charger is switched; device-service's connection must
            // stay open (this handler running) until one side closes. The charger is upgraded on its
            // own connection's event loop: upgraded from device-service's loop, Reactor Netty may
            // hand the bridge the finished HTTP exchange's inbound, and the charger's first frames
            // are lost.
            Mono<Void> upgrade = Mono.defer(() -> upgrades.handleRequest(chosen, new Bridge(device, subprotocol)));
            return onChargerLoop(upgrade).then(device.closeStatus()).then();
        }

        private Mono<Void> onChargerLoop(Mono<Void> work) {
            if (ServerHttpRequestDecorator.getNativeRequest(exchange.getRequest()) instanceof Connection charger) {
                EventLoop loop = charger.channel().eventLoop();
                return loop.inEventLoop() ? work : work.subscribeOn(Schedulers.fromExecutor(loop));
            }
            return work;
        }
    }

    /** The charger's side, upgraded with exactly device-service's subprotocol; frames and closes go across. */
    private record Bridge(WebSocketSession device, String subprotocol) implements WebSocketHandler {

        @Override
        public List<String> getSubProtocols() {
            return subprotocol == null ? List.of() : List.of(subprotocol);
        }

        @Override
        public Mono<Void> handle(WebSocketSession charger) {
            Mono<Void> closeCharger = device.closeStatus().filter(status -> charger.isOpen())
                    .map(Bridge::sendable).flatMap(charger::close);
            Mono<Void> closeDevice = charger.closeStatus().filter(status -> device.isOpen())
                    .map(Bridge::sendable).flatMap(device::close);
            Mono.when(closeCharger, closeDevice).subscribe();
            Mono<Void> toDevice = device.send(charger.receive().doOnNext(WebSocketMessage::retain));
            Mono<Void> toCharger = charger.send(device.receive().doOnNext(WebSocketMessage::retain));
            return Mono.zip(toDevice, toCharger).then();
        }

        /** Codes that may not be sent in a close frame (1005, 1006, 1015) become a protocol error. */
        private static CloseStatus sendable(CloseStatus status) {
            int code = status.getCode();
            boolean allowed = (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014)
                    || (code >= 3000 && code <= 4999);
            return allowed ? status : CloseStatus.PROTOCOL_ERROR;
        }
    }
}
