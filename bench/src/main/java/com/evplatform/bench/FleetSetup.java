package com.evplatform.bench;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

import tools.jackson.databind.JsonNode;

/**
 * The charging benchmark's set-up step, through the admin API: an operator, a station with a tariff, the
 * chargers the simulator will play, and drivers registered, credited and logged in, each given a connector of
 * their own.
 */
final class FleetSetup {

    private interface Task {
        void run(int index) throws Exception;
    }

    /** Enough for every session a benchmark driver starts; credited once per driver (the reference is theirs). */
    private static final String DRIVER_CREDIT = "100000.00";

    private final GatewayClient client;

    FleetSetup(GatewayClient client) {
        this.client = client;
    }

    void run(Map<String, String> options) throws Exception {
        int chargers = Integer.parseInt(options.getOrDefault("chargers", "200"));
        int connectors = Integer.parseInt(options.getOrDefault("connectors", "2"));
        int drivers = Integer.parseInt(options.getOrDefault("drivers", "400"));
        String prefix = options.getOrDefault("charger-prefix", "BC-");
        String chargerPassword = options.get("charger-password");
        Path state = Path.of(options.get("state"));
        if (drivers > chargers * connectors) {
            throw new IllegalArgumentException("need at least as many connectors as drivers");
        }
        long started = System.nanoTime();
        String admin = client.login(options.get("admin-user"), options.get("admin-password"));

        String operator = "BENCHOPER";
        HttpResponse<String> created = client.send(client.post("/api/admin/operators", admin,
                "{\"code\":\"" + operator + "\",\"name\":\"Bench operator\"}"));
        if (created.statusCode() != 201 && created.statusCode() != 200 && created.statusCode() != 409) {
            throw new IllegalStateException("operator: " + created.statusCode() + " " + created.body());
        }
        // device-service learns operators from auth-service's events: a station can be created once it has.
        String stationBody = "{\"name\":\"Bench station\",\"address\":\"1 Bench Road\",\"latitude\":31.23,"
                + "\"longitude\":121.47,\"operatorCode\":\"" + operator + "\"}";
        String stationId = null;
        for (int attempt = 0; attempt < 120 && stationId == null; attempt++) {
            HttpResponse<String> station = client.send(client.post("/api/admin/stations", admin, stationBody));
            if (station.statusCode() / 100 == 2) {
                stationId = GatewayClient.json(station).path("stationId").asString();
            } else {
                Thread.sleep(500);
            }
        }
        if (stationId == null) {
            throw new IllegalStateException("device-service never learnt operator " + operator);
        }
        HttpResponse<String> tariff = client.send(client.request("/api/admin/stations/" + stationId + "/tariff", admin)
                .PUT(HttpRequest.BodyPublishers.ofString("{\"currency\":\"CNY\",\"segments\":[{\"start\":\"00:00\","
                        + "\"electricityFee\":\"0.60\",\"serviceFee\":\"0.40\"}]}"))
                .build());
        GatewayClient.require(tariff, 2, "tariff");

        List<String> connectorCodes = new ArrayList<>(Collections.nCopies(chargers * connectors, null));
        String station = stationId;
        parallel(chargers, 8, i -> {
            String id = prefix + String.format(Locale.ROOT, "%04d", i + 1);
            HttpResponse<String> response = client.send(client.post("/api/admin/chargers", admin, "{\"chargePointId\":\""
                    + id + "\",\"stationId\":\"" + station + "\",\"connectors\":" + connectors + ",\"password\":\""
                    + chargerPassword + "\"}"));
            GatewayClient.require(response, 2, "charger " + id);
            JsonNode list = GatewayClient.json(response).path("connectors");
            for (int c = 0; c < connectors; c++) {
                connectorCodes.set(i * connectors + c, list.get(c).path("connectorCode").asString());
            }
        });
        System.out.printf(Locale.ROOT, "registered %d chargers (%d connectors) in %.0f s%n", chargers,
                chargers * connectors, (System.nanoTime() - started) / 1e9);

        List<Unit> units = new ArrayList<>(Collections.nCopies(drivers, null));
        String run = Long.toString(System.currentTimeMillis() % 1_000_000, 36);
        parallel(drivers, 8, i -> {
            String username = "bench.driver." + run + "." + i;
            String password = "bench-driver-password-" + i;
            String body = "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}";
            HttpResponse<String> registered = client.send(client.post("/api/auth/register", null, body));
            GatewayClient.require(registered, 2, "register " + username);
            // charging-service refuses to start a session for a wallet below 5.00 (402 INSUFFICIENT_BALANCE).
            String userId = GatewayClient.json(registered).path("userId").asString();
            client.credit(admin, userId, DRIVER_CREDIT, "bench-credit-" + username);
            units.set(i, new Unit(username, client.login(username, password), connectorCodes.get(i)));
        });
        Unit.write(state, units);
        System.out.printf(Locale.ROOT, "registered %d drivers, each wallet credited %s; set-up took %.0f s%n", drivers,
                DRIVER_CREDIT, (System.nanoTime() - started) / 1e9);
    }

    /** Runs the task for each index below count, at most {@code threads} at a time; fails if any task failed. */
    private static void parallel(int count, int threads, Task task) throws Exception {
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            Semaphore permits = new Semaphore(threads);
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int index = i;
                futures.add(pool.submit(() -> {
                    permits.acquire();
                    try {
                        task.run(index);
                    } finally {
                        permits.release();
                    }
                    return null;
                }));
            }
            for (var future : futures) {
                future.get();
            }
        }
    }
}
