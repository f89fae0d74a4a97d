package com.evplatform.simulator;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.java_websocket.WebSocket;
import org.java_websocket.drafts.Draft;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.exceptions.InvalidDataException;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.handshake.ServerHandshakeBuilder;
import org.java_websocket.protocols.Protocol;
import org.java_websocket.server.WebSocketServer;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A small OCPP 1.6J central system for tests: accepts only the {@code ocpp1.6} subprotocol and the right Basic
 * credentials, answers the charge point's CALLs (checking their payloads against the OCPP 1.6 schema rules),
 * sends CALLs of its own and records everything it received.
 */
final class FakeCentralSystem implements AutoCloseable {

    static final JsonMapper JSON = JsonMapper.builder().build();

    /** A CALL received from a charge point. */
    record ReceivedCall(String chargePointId, int connection, String uniqueId, String action, JsonNode payload) {
    }

    /** The server got a CALLERROR for one of its CALLs. */
    static final class CallErrorReceived extends RuntimeException {
        final String errorCode;

        CallErrorReceived(String errorCode, String description) {
            super(errorCode + ": " + description);
            this.errorCode = errorCode;
        }
    }

    private final Server server;
    private final Function<String, String> passwordFor;
    private final ScheduledExecutorService delays = Executors.newSingleThreadScheduledExecutor();
    private final Map<String, WebSocket> sockets = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> connections = new ConcurrentHashMap<>();
    private final Map<String, List<ReceivedCall>> calls = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> outstanding = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> maxOutstanding = new ConcurrentHashMap<>();
    private final List<String> violations = new CopyOnWriteArrayList<>();
    private final List<String> rejectedHandshakes = new CopyOnWriteArrayList<>();
    private final AtomicInteger nextTransactionId = new AtomicInteger(1000);
    private final AtomicInteger nextUniqueId = new AtomicInteger();

    private volatile String bootStatus = "Accepted";
    private volatile int bootInterval = 300;
    private volatile String idTagStatus = "Accepted";
    private volatile Duration responseDelay = Duration.ZERO;
    private final Set<String> silentActions = ConcurrentHashMap.newKeySet();
    private final Map<String, String> failingActions = new ConcurrentHashMap<>();

    FakeCentralSystem(Function<String, String> passwordFor) {
        this.passwordFor = passwordFor;
        Draft ocpp16Only = new Draft_6455(List.of(), List.of(new Protocol(OcppConnection.SUBPROTOCOL)));
        this.server = new Server(List.of(ocpp16Only));
        server.setReuseAddr(true);
        server.setDaemon(true);
        server.start();
        try {
            if (!server.started.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("fake central system did not start");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    String baseUrl() {
        return "ws://127.0.0.1:" + server.getPort() + "/ocpp";
    }

    // ---------------------------------------------------------------- behaviour

    void bootStatus(String status, int interval) {
        this.bootStatus = status;
        this.bootInterval = interval;
    }

    void idTagStatus(String status) {
        this.idTagStatus = status;
    }

    void responseDelay(Duration delay) {
        this.responseDelay = delay;
    }

    /** Never answer these actions. */
    void ignore(String action) {
        silentActions.add(action);
    }

    /** Answer these actions with a CALLERROR of the given code. */
    void failWith(String action, String errorCode) {
        failingActions.put(action, errorCode);
    }

    // ---------------------------------------------------------------- inspection

    List<ReceivedCall> calls(String chargePointId) {
        return List.copyOf(calls.getOrDefault(chargePointId, List.of()));
    }

    List<ReceivedCall> calls(String chargePointId, String action) {
        return calls(chargePointId).stream().filter(call -> call.action().equals(action)).toList();
    }

    List<String> actions(String chargePointId) {
        return calls(chargePointId).stream().map(ReceivedCall::action).toList();
    }

    int connectionCount(String chargePointId) {
        AtomicInteger count = connections.get(chargePointId);
        return count == null ? 0 : count.get();
    }

    boolean isConnected(String chargePointId) {
        WebSocket socket = sockets.get(chargePointId);
        return socket != null && socket.isOpen();
    }

    int maxOutstandingCalls(String chargePointId) {
        AtomicInteger max = maxOutstanding.get(chargePointId);
        return max == null ? 0 : max.get();
    }

    /** Payload rule violations and protocol errors seen so far; tests expect none. */
    List<String> violations() {
        return List.copyOf(violations);
    }

    List<String> rejectedHandshakes() {
        return List.copyOf(rejectedHandshakes);
    }

    // ---------------------------------------------------------------- server-initiated

    /** Sends a CALL; the future completes with the CALLRESULT payload or fails with {@link CallErrorReceived}. */
    CompletableFuture<JsonNode> call(String chargePointId, String action, ObjectNode payload) {
        String uniqueId = "cs-" + nextUniqueId.incrementAndGet();
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(uniqueId, answer);
        ArrayNode frame = JSON.createArrayNode().add(2).add(uniqueId).add(action);
        frame.add(payload);
        sendText(chargePointId, JSON.writeValueAsString(frame));
        return answer.orTimeout(10, TimeUnit.SECONDS);
    }

    JsonNode callAndWait(String chargePointId, String action, ObjectNode payload) {
        return call(chargePointId, action, payload).join();
    }

    void sendText(String chargePointId, String text) {
        WebSocket socket = sockets.get(chargePointId);
        if (socket == null || !socket.isOpen()) {
            throw new IllegalStateException(chargePointId + " is not connected");
        }
        socket.send(text);
    }

    /** Closes the charge point's connection from the server side, as a server restart would. */
    void dropConnection(String chargePointId) {
        WebSocket socket = sockets.get(chargePointId);
        if (socket != null) {
            socket.close(CloseFrame.GOING_AWAY, "test drops the connection");
        }
    }

    static ObjectNode payload() {
        return JSON.createObjectNode();
    }

    @Override
    public void close() throws InterruptedException {
        delays.shutdownNow();
        server.stop(1000);
    }

    // ---------------------------------------------------------------- handling

    private void received(WebSocket socket, String text) {
        String chargePointId = socket.getAttachment();
        JsonNode frame;
        try {
            frame = JSON.readTree(text);
        } catch (RuntimeException e) {
            violations.add(chargePointId + " sent non-JSON: " + text);
            return;
        }
        if (!frame.isArray() || frame.size() < 3) {
            violations.add(chargePointId + " sent a non-OCPP frame: " + text);
            return;
        }
        int type = frame.get(0).asInt();
        String uniqueId = frame.get(1).asString();
        switch (type) {
            case 2 -> answerCall(socket, chargePointId, uniqueId, frame.get(2).asString(), frame.get(3));
            case 3 -> complete(uniqueId, frame.get(2), null);
            case 4 -> complete(uniqueId, null, new CallErrorReceived(frame.get(2).asString(), frame.get(3).asString()));
            default -> violations.add(chargePointId + " sent unknown message type: " + text);
        }
    }

    private void complete(String uniqueId, JsonNode payload, RuntimeException error) {
        CompletableFuture<JsonNode> answer = pending.remove(uniqueId);
        if (answer == null) {
            return;
        }
        if (error != null) {
            answer.completeExceptionally(error);
        } else {
            answer.complete(payload);
        }
    }

    private void answerCall(WebSocket socket, String chargePointId, String uniqueId, String action, JsonNode payload) {
        int inFlight = outstanding.computeIfAbsent(chargePointId, id -> new AtomicInteger()).incrementAndGet();
        maxOutstanding.computeIfAbsent(chargePointId, id -> new AtomicInteger()).accumulateAndGet(inFlight, Math::max);
        calls.computeIfAbsent(chargePointId, id -> new CopyOnWriteArrayList<>())
                .add(new ReceivedCall(chargePointId, connectionCount(chargePointId), uniqueId, action, payload));
        if (silentActions.contains(action)) {
            outstanding.get(chargePointId).decrementAndGet();
            return;
        }
        List<String> problems = OcppSchemaCheck.check(action, payload);
        String reply;
        if (failingActions.containsKey(action)) {
            reply = callError(uniqueId, failingActions.get(action), "configured to fail");
        } else if (!problems.isEmpty()) {
            violations.add(chargePointId + " " + action + " " + payload + ": " + problems);
            reply = callError(uniqueId, "FormationViolation", String.join("; ", problems));
        } else {
            reply = result(uniqueId, action, payload);
        }
        Duration delay = responseDelay;
        Runnable send = () -> {
            outstanding.get(chargePointId).decrementAndGet();
            if (socket.isOpen()) {
                socket.send(reply);
            }
        };
        if (delay.isZero()) {
            send.run();
        } else {
            delays.schedule(send, delay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private String result(String uniqueId, String action, JsonNode payload) {
        ObjectNode answer = JSON.createObjectNode();
        String now = Instant.now().toString();
        switch (action) {
            case "BootNotification" -> answer.put("status", bootStatus).put("currentTime", now).put("interval", bootInterval);
            case "Heartbeat" -> answer.put("currentTime", now);
            case "StatusNotification", "MeterValues" -> { }
            case "StartTransaction" -> {
                answer.put("transactionId", nextTransactionId.incrementAndGet());
                answer.putObject("idTagInfo").put("status", idTagStatus);
            }
            case "StopTransaction" -> answer.putObject("idTagInfo").put("status", "Accepted");
            default -> {
                return callError(uniqueId, "NotImplemented", "unknown action " + action);
            }
        }
        ArrayNode frame = JSON.createArrayNode().add(3).add(uniqueId);
        frame.add(answer);
        return JSON.writeValueAsString(frame);
    }

    private static String callError(String uniqueId, String code, String description) {
        ArrayNode frame = JSON.createArrayNode().add(4).add(uniqueId).add(code).add(description);
        frame.addObject();
        return JSON.writeValueAsString(frame);
    }

    private final class Server extends WebSocketServer {

        final CountDownLatch started = new CountDownLatch(1);

        Server(List<Draft> drafts) {
            super(new InetSocketAddress("127.0.0.1", 0), drafts);
        }

        @Override
        public ServerHandshakeBuilder onWebsocketHandshakeReceivedAsServer(WebSocket socket, Draft draft,
                ClientHandshake request) throws InvalidDataException {
            ServerHandshakeBuilder response = super.onWebsocketHandshakeReceivedAsServer(socket, draft, request);
            String path = request.getResourceDescriptor();
            if (!path.startsWith("/ocpp/")) {
                rejectedHandshakes.add("path " + path);
                throw new InvalidDataException(CloseFrame.POLICY_VALIDATION, "unknown path");
            }
            String chargePointId = path.substring("/ocpp/".length());
            String expected = "Basic " + Base64.getEncoder().encodeToString(
                    (chargePointId + ":" + passwordFor.apply(chargePointId)).getBytes(StandardCharsets.UTF_8));
            if (!expected.equals(request.getFieldValue("Authorization"))) {
                rejectedHandshakes.add(chargePointId + " bad credentials");
                throw new InvalidDataException(CloseFrame.POLICY_VALIDATION, "unauthorized");
            }
            if (!request.getFieldValue("Sec-WebSocket-Protocol").contains(OcppConnection.SUBPROTOCOL)) {
                rejectedHandshakes.add(chargePointId + " no ocpp1.6 subprotocol");
                throw new InvalidDataException(CloseFrame.POLICY_VALIDATION, "subprotocol");
            }
            return response;
        }

        @Override
        public void onOpen(WebSocket socket, ClientHandshake handshake) {
            String chargePointId = handshake.getResourceDescriptor().substring("/ocpp/".length());
            socket.setAttachment(chargePointId);
            if (!OcppConnection.SUBPROTOCOL.equals(socket.getProtocol().getProvidedProtocol())) {
                violations.add(chargePointId + " negotiated subprotocol " + socket.getProtocol());
            }
            sockets.put(chargePointId, socket);
            connections.computeIfAbsent(chargePointId, id -> new AtomicInteger()).incrementAndGet();
            outstanding.computeIfAbsent(chargePointId, id -> new AtomicInteger()).set(0);
        }

        @Override
        public void onClose(WebSocket socket, int code, String reason, boolean remote) {
            String chargePointId = socket.getAttachment();
            if (chargePointId != null) {
                sockets.remove(chargePointId, socket);
            }
        }

        @Override
        public void onMessage(WebSocket socket, String message) {
            received(socket, message);
        }

        @Override
        public void onError(WebSocket socket, Exception error) {
            if (socket == null) {
                violations.add("server error: " + error);
            }
        }

        @Override
        public void onStart() {
            started.countDown();
        }
    }
}
