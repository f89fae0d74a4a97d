package com.evplatform.simulator;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * One charge point's WebSocket to the central system, on the JDK's NIO HttpClient. The JDK allows one
 * outstanding send per WebSocket, so frames wait in a queue here. Every method and every {@link Handler}
 * callback runs on the charge point's serial executor; callbacks of a connection that has since been dropped
 * are discarded.
 */
final class OcppConnection {

    static final String SUBPROTOCOL = "ocpp1.6";

    /** What the charge point hears from its connection. */
    interface Handler {
        void onOpen();

        void onFrame(String text);

        void onFrameSent();

        /** The connection closed or failed without the charge point asking for it. */
        void onLost(String reason);

        /** The handshake failed or was refused; a refusal's status and {@code Retry-After} are in the failure. */
        void onConnectFailed(ConnectFailure failure);
    }

    private enum State {
        CLOSED,
        CONNECTING,
        OPEN
    }

    private record CloseRequest(String reason, Runnable whenSent) {
    }

    private final SerialExecutor serial;
    private final HttpClient httpClient;
    private final URI uri;
    private final Optional<String> authorization;
    private final Duration connectTimeout;
    private final Handler handler;

    private State state = State.CLOSED;
    private int generation;
    private WebSocket webSocket;
    private volatile WebSocket openSocket;
    private final ArrayDeque<Object> outgoing = new ArrayDeque<>();
    private boolean sending;

    OcppConnection(SerialExecutor serial, HttpClient httpClient, URI uri, Optional<String> authorization,
            Duration connectTimeout, Handler handler) {
        this.serial = serial;
        this.httpClient = httpClient;
        this.uri = uri;
        this.authorization = authorization;
        this.connectTimeout = connectTimeout;
        this.handler = handler;
    }

    /** Where a charge point connects: the base URL, then its id, percent-encoded. */
    static URI endpoint(String baseUrl, String chargePointId) {
        return URI.create(baseUrl + "/" + URLEncoder.encode(chargePointId, StandardCharsets.UTF_8).replace("+", "%20"));
    }

    /** The Authorization header of HTTP Basic authentication. */
    static String basicAuth(String chargePointId, String password) {
        String credentials = chargePointId + ":" + password;
        return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    }

    boolean isOpen() {
        return state == State.OPEN;
    }

    boolean isClosed() {
        return state == State.CLOSED;
    }

    void open() {
        if (state != State.CLOSED) {
            return;
        }
        state = State.CONNECTING;
        int connection = ++generation;
        WebSocket.Builder builder = httpClient.newWebSocketBuilder()
                .subprotocols(SUBPROTOCOL)
                .connectTimeout(connectTimeout);
        authorization.ifPresent(value -> builder.header("Authorization", value));
        CompletableFuture<WebSocket> opening;
        try {
            opening = builder.buildAsync(uri, new Listener(connection));
        } catch (RuntimeException e) {
            opening = CompletableFuture.failedFuture(e);
        }
        opening.whenComplete((socket, failure) -> serial.execute(() -> opened(connection, socket, failure)));
    }

    private void opened(int connection, WebSocket socket, Throwable failure) {
        if (connection != generation) {
            if (socket != null) {
                socket.abort();
            }
            return;
        }
        if (failure != null) {
            state = State.CLOSED;
            handler.onConnectFailed(ConnectFailure.of(failure, Instant.now()));
            return;
        }
        webSocket = socket;
        openSocket = socket;
        state = State.OPEN;
        handler.onOpen();
    }

    /** Queues a text frame; dropped when the connection is not open. */
    void send(String text) {
        if (state != State.OPEN) {
            return;
        }
        outgoing.add(text);
        flush();
    }

    /** Sends a Close frame after the frames already queued, then drops the socket and runs {@code whenClosed}. */
    void close(String reason, Runnable whenClosed) {
        if (state != State.OPEN) {
            drop();
            whenClosed.run();
            return;
        }
        outgoing.add(new CloseRequest(reason, whenClosed));
        flush();
    }

    /** Closes the socket abruptly, like a lost network, and forgets queued frames. */
    void drop() {
        generation++;
        if (webSocket != null) {
            webSocket.abort();
        }
        webSocket = null;
        openSocket = null;
        state = State.CLOSED;
        outgoing.clear();
        sending = false;
    }

    /** Aborts from any thread; for shutdown when the serial executor may no longer run. */
    void abortFromAnyThread() {
        WebSocket socket = openSocket;
        if (socket != null) {
            socket.abort();
        }
    }

    private void flush() {
        if (sending || state != State.OPEN || outgoing.isEmpty()) {
            return;
        }
        Object next = outgoing.poll();
        int connection = generation;
        sending = true;
        CompletableFuture<WebSocket> sent;
        try {
            sent = next instanceof CloseRequest close
                    ? webSocket.sendClose(WebSocket.NORMAL_CLOSURE, close.reason())
                    : webSocket.sendText((String) next, true);
        } catch (RuntimeException e) {
            sent = CompletableFuture.failedFuture(e);
        }
        sent.whenComplete((socket, failure) -> serial.execute(() -> sendCompleted(connection, next, failure)));
    }

    private void sendCompleted(int connection, Object frame, Throwable failure) {
        if (connection != generation) {
            if (frame instanceof CloseRequest close) {
                close.whenSent().run();
            }
            return;
        }
        sending = false;
        if (frame instanceof CloseRequest close) {
            drop();
            close.whenSent().run();
            return;
        }
        if (failure != null) {
            lost(connection, "send failed: " + describe(failure));
            return;
        }
        handler.onFrameSent();
        flush();
    }

    private void lost(int connection, String reason) {
        if (connection != generation) {
            return;
        }
        drop();
        handler.onLost(reason);
    }

    private static String describe(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    /** Assembles text frames and hands them, and the end of the connection, to the serial executor. */
    private final class Listener implements WebSocket.Listener {

        private final int connection;
        private StringBuilder partial;

        Listener(int connection) {
            this.connection = connection;
        }

        @Override
        public void onOpen(WebSocket socket) {
            socket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            if (!last) {
                if (partial == null) {
                    partial = new StringBuilder();
                }
                partial.append(data);
            } else {
                String text;
                if (partial == null) {
                    text = data.toString();
                } else {
                    text = partial.append(data).toString();
                    partial = null;
                }
                serial.execute(() -> {
                    if (connection == generation) {
                        handler.onFrame(text);
                    }
                });
            }
            socket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket socket, ByteBuffer data, boolean last) {
            socket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
            serial.execute(() -> lost(connection, "closed by server: " + statusCode + (reason.isEmpty() ? "" : " " + reason)));
            return null;
        }

        @Override
        public void onError(WebSocket socket, Throwable error) {
            serial.execute(() -> lost(connection, describe(error)));
        }
    }
}
