package com.evplatform.device.ocpp.server;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.server.HandshakeInterceptor;

import com.evplatform.device.registry.application.Chargers;
import com.evplatform.device.registry.model.Charger;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Who may open {@code /ocpp/{chargePointId}}: only a registered charger offering the
 * {@code ocpp1.6} subprotocol and HTTP Basic credentials {@code chargePointId:password} that
 * match its stored hash (OCPP security profile 1; profile 2 is the same behind TLS, see the
 * README). Refusals end the handshake: 400 without the subprotocol, 401 for a wrong or missing
 * password and for an unknown charger alike.
 *
 * <p>The password hash is deliberately slow; a charger that proved its password is remembered
 * (by a SHA-256 of what it sent, against the hash it matched), so reconnect storms stay cheap.
 */
@Component
public class ChargerHandshake implements HandshakeInterceptor {

    public static final String CHARGE_POINT_ID = "ocpp.chargePointId";
    public static final String SUBPROTOCOL = "ocpp1.6";

    private static final Logger log = LoggerFactory.getLogger(ChargerHandshake.class);
    private static final Pattern CHARGE_POINT_ID_PATTERN = Pattern.compile("[A-Za-z0-9_.-]{1,36}");

    private record Verified(String passwordHash, byte[] presentedDigest) {
    }

    private final Chargers chargers;
    private final PasswordEncoder passwords;
    private final MeterRegistry meters;
    private final Map<String, Verified> verified = new ConcurrentHashMap<>();
    private final String unknownChargerHash;

    ChargerHandshake(Chargers chargers, PasswordEncoder passwords, MeterRegistry meters) {
        this.chargers = chargers;
        this.passwords = passwords;
        this.meters = meters;
        this.unknownChargerHash = passwords.encode(java.util.UUID.randomUUID().toString());
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
        Optional<String> password = basicPassword(request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION),
                chargePointId);
        Optional<Charger> charger = chargers.findById(chargePointId);
        if (charger.isEmpty()) {
            // As slow as a wrong password: the answer's timing does not tell which ids exist.
            passwords.matches(password.orElse(""), unknownChargerHash);
        }
        if (password.isEmpty() || charger.isEmpty() || !matches(charger.get(), password.get())) {
            response.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"OCPP\", charset=\"UTF-8\"");
            return refuse(response, HttpStatus.UNAUTHORIZED, charger.isEmpty() ? "unknown" : "credentials",
                    chargePointId);
        }
        attributes.put(CHARGE_POINT_ID, chargePointId);
        return true;
    }

    @Override
    public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
            Exception exception) {
        // nothing to undo
    }

    private boolean matches(Charger charger, String password) {
        byte[] digest = sha256(password);
        Verified known = verified.get(charger.chargePointId());
        if (known != null && known.passwordHash().equals(charger.passwordHash())
                && MessageDigest.isEqual(known.presentedDigest(), digest)) {
            return true;
        }
        if (!passwords.matches(password, charger.passwordHash())) {
            return false;
        }
        verified.put(charger.chargePointId(), new Verified(charger.passwordHash(), digest));
        return true;
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

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
