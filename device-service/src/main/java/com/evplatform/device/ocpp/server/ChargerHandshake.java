package com.evplatform.device.ocpp.server;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.server.HandshakeInterceptor;

import com.evplatform.device.ocpp.admission.ClientAddresses;
import com.evplatform.device.ocpp.admission.HandshakeAdmission;
import com.evplatform.device.ocpp.admission.HandshakeAttempts;
import com.evplatform.device.registry.application.ChargerKeys;
import com.evplatform.device.registry.application.Chargers;
import com.evplatform.device.registry.model.Charger;
import com.evplatform.device.registry.model.KeyScheme;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Who may open {@code /ocpp/{chargePointId}}: only a registered charger offering the
 * {@code ocpp1.6} subprotocol and HTTP Basic credentials {@code chargePointId:password} that
 * match its stored key (OCPP security profile 1; profile 2 is the same behind TLS, see the
 * README). Refusals end the handshake: 400 without the subprotocol, 503 with a jittered
 * {@code Retry-After} when this instance is already checking as many handshakes as it may
 * ({@link HandshakeAdmission}), 429 with {@code Retry-After} when the charger's id or address has
 * attempted too often ({@link HandshakeAttempts}), 401 for a wrong or missing password and for an
 * unknown charger alike.
 *
 * <p>Keys are checked with an HMAC (microseconds, {@link ChargerKeys}); a key still stored with
 * bcrypt is checked with it once more and, when right, stored again as HMAC (ADR 16).
 */
@Component
public class ChargerHandshake implements HandshakeInterceptor {

    public static final String CHARGE_POINT_ID = "ocpp.chargePointId";
    public static final String SUBPROTOCOL = "ocpp1.6";

    private static final Logger log = LoggerFactory.getLogger(ChargerHandshake.class);
    private static final Pattern CHARGE_POINT_ID_PATTERN = Pattern.compile("[A-Za-z0-9_.-]{1,36}");

    private final Chargers chargers;
    private final ChargerKeys keys;
    private final HandshakeAdmission admission;
    private final HandshakeAttempts attempts;
    private final ClientAddresses addresses;
    private final MeterRegistry meters;

    ChargerHandshake(Chargers chargers, ChargerKeys keys, HandshakeAdmission admission, HandshakeAttempts attempts,
            ClientAddresses addresses, MeterRegistry meters) {
        this.chargers = chargers;
        this.keys = keys;
        this.admission = admission;
        this.attempts = attempts;
        this.addresses = addresses;
        this.meters = meters;
    }

    @Override
    public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
            Map<String, Object> attributes) {
        String path = request.getURI().getPath();
        String chargePointId = path.substring(path.lastIndexOf('/') + 1);
        if (!CHARGE_POINT_ID_PATTERN.matcher(chargePointId).matches()) {
            return refuse(response, HttpStatus.NOT_FOUND, "bad-id", chargePointId);
        }
        if (!offersSubprotocol(request.getHeaders().get(WebSocketHttpHeaders.SEC_WEBSOCKET_PROTOCOL))) {
            return refuse(response, HttpStatus.BAD_REQUEST, "no-subprotocol", chargePointId);
        }
        if (!admission.tryEnter()) {
            response.getHeaders().set(HttpHeaders.RETRY_AFTER, String.valueOf(admission.retryAfterSeconds()));
            return refuse(response, HttpStatus.SERVICE_UNAVAILABLE, "busy", chargePointId);
        }
        try {
            return admitted(request, response, chargePointId, attributes);
        } finally {
            admission.leave();
        }
    }

    private boolean admitted(ServerHttpRequest request, ServerHttpResponse response, String chargePointId,
            Map<String, Object> attributes) {
        String address = addresses.of(request);
        Optional<Duration> tooMany = attempts.attempt(chargePointId, address);
        if (tooMany.isPresent()) {
            response.getHeaders().set(HttpHeaders.RETRY_AFTER, String.valueOf(tooMany.get().toSeconds()));
            return refuse(response, HttpStatus.TOO_MANY_REQUESTS, "too-many-attempts", chargePointId);
        }
        Optional<String> password = basicPassword(request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION),
                chargePointId);
        if (!authenticated(chargePointId, password.orElse(""))) {
            response.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"OCPP\", charset=\"UTF-8\"");
            return refuse(response, HttpStatus.UNAUTHORIZED, "credentials", chargePointId);
        }
        attempts.succeeded(address);
        attributes.put(CHARGE_POINT_ID, chargePointId);
        return true;
    }

    @Override
    public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
            Exception exception) {
        // nothing to undo
    }

    private boolean authenticated(String chargePointId, String password) {
        Optional<Charger> charger = chargers.findById(chargePointId);
        if (charger.isEmpty()) {
            keys.checkNobody(chargePointId, password);
            return false;
        }
        return switch (keys.check(charger.get(), password)) {
            case MATCHES -> true;
            case WRONG -> false;
            case MATCHES_OLD_SCHEME -> {
                storeAgain(charger.get(), password);
                yield true;
            }
        };
    }

    /** A key still stored with bcrypt is stored as HMAC now that the charger has shown it. */
    private void storeAgain(Charger charger, String password) {
        try {
            chargers.storeKey(charger.chargePointId(), charger.passwordHash(), KeyScheme.HMAC_SHA256,
                    keys.hash(charger.chargePointId(), password));
            meters.counter("ocpp.handshakes.keys.stored-again").increment();
        } catch (RuntimeException e) {
            // The charger proved its key; it is stored again at its next handshake.
            log.warn("could not store the key of {} as HMAC: {}", charger.chargePointId(), e.toString());
        }
    }

    private boolean refuse(ServerHttpResponse response, HttpStatus status, String reason, String chargePointId) {
        meters.counter("ocpp.handshakes.refused", "reason", reason).increment();
        log.info("refused OCPP connection of {}: {}", chargePointId, reason);
        response.setStatusCode(status);
        return false;
    }

    private static boolean offersSubprotocol(List<String> headers) {
        if (headers == null) {
            return false;
        }
        return headers.stream().flatMap(value -> Arrays.stream(value.split(",")))
                .anyMatch(protocol -> SUBPROTOCOL.equals(protocol.strip()));
    }

    /** The password of {@code Basic base64(chargePointId:password)}, if the user part names this charger. */
    private static Optional<String> basicPassword(String authorization, String chargePointId) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).strip()),
                    StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            if (colon < 0 || !decoded.substring(0, colon).equals(chargePointId)) {
                return Optional.empty();
            }
            return Optional.of(decoded.substring(colon + 1));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
