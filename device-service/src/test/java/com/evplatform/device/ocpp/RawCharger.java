package com.evplatform.device.ocpp;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A charger at the frame level, on the JDK's WebSocket client: sends exactly the text it is
 * given (broken frames included) and hands back every frame the central system sends.
 */
final class RawCharger implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final WebSocket socket;
    private final BlockingQueue<String> received = new LinkedBlockingQueue<>();

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
        }).join();
    }

    static RawCharger connect(int port, String chargePointId, String password) {
        return new RawCharger(builder(chargePointId, password).subprotocols("ocpp1.6"), uri(port, chargePointId));
    }

    /** Connects without offering the ocpp1.6 subprotocol. */
    static RawCharger connectWithoutSubprotocol(int port, String chargePointId, String password) {
        return new RawCharger(builder(chargePointId, password), uri(port, chargePointId));
    }

    private static WebSocket.Builder builder(String chargePointId, String password) {
        String credentials = Base64.getEncoder()
                .encodeToString((chargePointId + ":" + password).getBytes(StandardCharsets.UTF_8));
        return HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
                .header("Authorization", "Basic " + credentials);
    }

    private static URI uri(int port, String chargePointId) {
        return URI.create("ws://127.0.0.1:" + port + "/ocpp/" + chargePointId);
    }

    String subprotocol() {
        return socket.getSubprotocol();
    }

    void send(String frame) {
        socket.sendText(frame, true).join();
    }

    /** Sends a frame and returns the next frame received. */
    String exchange(String frame) {
        send(frame);
        return next();
    }

    /** The next frame if one arrives within {@code wait}, else null. */
    String nextWithin(Duration wait) {
        try {
            return received.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    String next() {
        try {
            String frame = received.poll(10, TimeUnit.SECONDS);
            if (frame == null) {
                throw new AssertionError("no frame from the central system within 10 s");
            }
            return frame;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    boolean isOpen() {
        return !socket.isInputClosed() && !socket.isOutputClosed();
    }

    @Override
    public void close() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").exceptionally(e -> null).join();
    }
}
