package com.evplatform.device.ocpp.admission;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.regex.Pattern;

import org.springframework.http.server.ServerHttpRequest;
import org.springframework.security.web.util.matcher.IpAddressMatcher;
import org.springframework.stereotype.Component;

/**
 * The address a charger connects from: the peer, unless the peer is a trusted proxy (the
 * gateway, {@code OCPP_TRUSTED_PROXIES}); then the last {@code X-Forwarded-For} entry, the one
 * that proxy wrote (ADR 14). Entries further left came from the client and are never believed.
 */
@Component
public class ClientAddresses {

    private static final Pattern IP_LITERAL = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    private final List<IpAddressMatcher> trustedProxies;

    ClientAddresses(AdmissionProperties properties) {
        this.trustedProxies = properties.trustedProxies().stream().map(String::strip)
                .filter(proxy -> !proxy.isEmpty()).map(IpAddressMatcher::new).toList();
    }

    public String of(ServerHttpRequest request) {
        InetSocketAddress remote = request.getRemoteAddress();
        if (remote == null || remote.getAddress() == null) {
            return "unknown";
        }
        String peer = remote.getAddress().getHostAddress();
        List<String> forwarded = request.getHeaders().get("X-Forwarded-For");
        if (forwarded == null || forwarded.isEmpty() || trustedProxies.stream().noneMatch(p -> p.matches(peer))) {
            return peer;
        }
        String[] hops = forwarded.getLast().split(",");
        String seenByProxy = hops[hops.length - 1].strip();
        return IP_LITERAL.matcher(seenByProxy).matches() ? seenByProxy : peer;
    }
}
