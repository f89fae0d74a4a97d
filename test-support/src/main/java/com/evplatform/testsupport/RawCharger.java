package com.evplatform.testsupport;

import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A charger at the frame level, on the JDK's WebSocket client: sends exactly the text it is
 * given (broken frames included) and hands back every frame and the close the other side sends.
 * Connects to device-service or through the gateway, as {@code ws://127.0.0.1:<port>/ocpp/<id>}.
 */
public final class RawCharger implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Duration PATIENCE = Duration.ofSeconds(10);

    private final WebSocket socket;
    private final BlockingQueue<String> received = new LinkedBlockingQueue<>();
    private final BlockingQueue<Integer> closes = new LinkedBlockingQueue<>();

    private RawCharger(WebSocket.Builder builder, URI uri) {
        this.socket = builder.buildAsync(uri, new WebSocket.Listener() {
            private final StringBuilder partial = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    received.add(partial.toString());
                    partial.setLength(0);
                }
                webSocket.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                closes.add(statusCode);
                return null;
            }
        }).join();
    }

    /** Connects offering ocpp1.6 with HTTP Basic {@code chargePointId:password}. */
    public static RawCharger connect(int port, String chargePointId, String password) {
        return to(port, chargePointId).password(password).subprotocols("ocpp1.6").connect();
    }

    /** Connects without offering the ocpp1.6 subprotocol. */
    public static RawCharger connectWithoutSubprotocol(int port, String chargePointId, String password) {
        return to(port, chargePointId).password(password).connect();
    }

    /** A connection to set up further (subprotocols, headers, the local address) before {@link Setup#connect()}. */
    public static Setup to(int port, String chargePointId) {
        return new Setup(port, chargePointId);
    }

    /** The handshake's answer when {@code connect} is refused; fails when it is not. */
    public static HttpResponse<?> refusal(Runnable connect) {
        try {
            connect.run();
        } catch (CompletionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException refused) {
                return refused.getResponse();
            }
            throw new AssertionError("the handshake failed without an answer", e);
        }
        throw new AssertionError("the handshake was accepted");
    }

    public String subprotocol() {
        return socket.getSubprotocol();
    }

    public void send(String frame) {
        socket.sendText(frame, true).join();
    }

    /** Sends a frame and returns the next frame received. */
    public String exchange(String frame) {
        send(frame);
        return next();
    }

    /** The next frame if one arrives within {@code wait}, else null. */
    public String nextWithin(Duration wait) {
        return poll(received, wait);
    }

    public String next() {
        String frame = poll(received, PATIENCE);
        if (frame == null) {
            throw new AssertionError("no frame within " + PATIENCE.toSeconds() + " s");
        }
        return frame;
    }

    /** The code of the close the other side sent. */
    public int closeCode() {
        Integer code = poll(closes, PATIENCE);
        if (code == null) {
            throw new AssertionError("not closed within " + PATIENCE.toSeconds() + " s");
        }
        return code;
    }

    public boolean isOpen() {
        return !socket.isInputClosed() && !socket.isOutputClosed();
    }

    @Override
    public void close() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").exceptionally(e -> null).join();
    }

    private static <T> T poll(BlockingQueue<T> queue, Duration wait) {
        try {
            return queue.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** How a charger connects: credentials, subprotocols offered, extra headers, its own address. */
    public static final class Setup {
        private final int port;
        private final String chargePointId;
        private String password;
        private final List<String> subprotocols = new ArrayList<>();
        private final Map<String, String> headers = new LinkedHashMap<>();
        private InetAddress localAddress;

        private Setup(int port, String chargePointId) {
            this.port = port;
            this.chargePointId = chargePointId;
        }

        public Setup password(String password) {
            this.password = password;
            return this;
        }

        public Setup subprotocols(String... offered) {
            subprotocols.addAll(List.of(offered));
            return this;
        }

        public Setup header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        /** Connects from this address (any 127.x.y.z is this machine on Linux). */
        public Setup from(InetAddress address) {
            this.localAddress = address;
            return this;
        }

        public RawCharger connect() {
            HttpClient http = localAddress == null ? HTTP : HttpClient.newBuilder().localAddress(localAddress).build();
            WebSocket.Builder builder = http.newWebSocketBuilder().connectTimeout(PATIENCE);
            if (password != null) {
                builder.header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((chargePointId + ":" + password).getBytes(StandardCharsets.UTF_8)));
            }
            headers.forEach(builder::header);
            if (!subprotocols.isEmpty()) {
                builder.subprotocols(subprotocols.getFirst(),
                        subprotocols.subList(1, subprotocols.size()).toArray(String[]::new));
            }
            return new RawCharger(builder, URI.create("ws://127.0.0.1:" + port + "/ocpp/" + chargePointId));
        }
    }
}
