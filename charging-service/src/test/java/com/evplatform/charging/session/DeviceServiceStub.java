package com.evplatform.charging.session;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.sun.net.httpserver.HttpExchange;

/**
 * device-service's two query endpoints over real HTTP, answering what the test sets up:
 * connectors, their availability, a delay (a slow service) or a failure.
 */
final class DeviceServiceStub extends HttpStub {

    record Connector(String code, String chargePointId, int connectorId, String operatorCode) {
    }

    private final Map<String, Connector> connectors = new ConcurrentHashMap<>();
    private final Map<String, String> unavailable = new ConcurrentHashMap<>();

    DeviceServiceStub() {
        super("/api/chargers/");
    }

    void add(Connector connector) {
        connectors.put(connector.code(), connector);
    }

    void unavailable(String code, String reason) {
        unavailable.put(code, reason);
    }

    @Override
    void answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if (path.equals("/api/chargers/resolve")) {
            String query = exchange.getRequestURI().getRawQuery();
            String code = URLDecoder.decode(query.substring(query.indexOf('=') + 1), StandardCharsets.UTF_8);
            Connector connector = connectors.get(code);
            if (connector == null) {
                respond(exchange, 404, "{\"code\":\"CONNECTOR_NOT_FOUND\"}");
                return;
            }
            respond(exchange, 200, """
                    {"connectorCode":"%s","chargePointId":"%s","connectorId":%d,"status":"Available","online":true,
                     "station":{"id":"st-1","name":"Depot","address":"1 Road"},
                     "operator":{"code":"%s","name":"Operator"},
                     "tariff":{"currency":"CNY","segments":[
                       {"start":"00:00","electricityFee":"0.60","serviceFee":"0.40"},
                       {"start":"08:00","electricityFee":"1.20","serviceFee":"0.60"},
                       {"start":"22:00","electricityFee":"0.60","serviceFee":"0.40"}]}}"""
                    .formatted(code, connector.chargePointId(), connector.connectorId(), connector.operatorCode()));
            return;
        }
        if (path.endsWith("/auth")) {
            if (exchange.getRequestHeaders().getFirst("Authorization") == null) {
                respond(exchange, 401, "{\"code\":\"UNAUTHENTICATED\"}");
                return;
            }
            String code = path.substring("/api/chargers/".length(), path.length() - "/auth".length());
            String reason = unavailable.get(code);
            respond(exchange, 200, reason == null ? "{\"available\":true,\"status\":\"Available\"}"
                    : "{\"available\":false,\"reason\":\"" + reason + "\",\"status\":\"Charging\"}");
            return;
        }
        respond(exchange, 404, "{}");
    }
}
