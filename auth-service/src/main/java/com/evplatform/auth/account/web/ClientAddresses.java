package com.evplatform.auth.account.web;

import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;

import org.springframework.security.web.util.matcher.IpAddressMatcher;
import org.springframework.stereotype.Component;

import com.evplatform.auth.token.AuthProperties;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The address a login comes from, for throttling. A request straight from a client is counted
 * by its peer address. A request from a trusted proxy (the gateway: {@code AUTH_TRUSTED_PROXIES})
 * is counted by the last {@code X-Forwarded-For} entry, the address that proxy saw; entries
 * further left were written by whoever came before it, a client, and are never believed.
 *
 * <p>Not Tomcat's {@code RemoteIpValve} (or Spring's {@code ForwardedHeaderFilter}, which
 * believes every peer): the valve walks left past every entry that looks like a proxy, so a
 * client on the proxies' own network could name its address.
 */
@Component
class ClientAddresses {

    private static final Pattern IP_LITERAL = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    private final List<IpAddressMatcher> trustedProxies;

    ClientAddresses(AuthProperties properties) {
        this.trustedProxies = properties.trustedProxies().stream().map(String::strip).filter(p -> !p.isEmpty())
                .map(IpAddressMatcher::new).toList();
    }

    String of(HttpServletRequest request) {
        String peer = request.getRemoteAddr();
        if (trustedProxies.stream().noneMatch(proxy -> proxy.matches(peer))) {
            return peer;
        }
        List<String> headers = Collections.list(request.getHeaders("X-Forwarded-For"));
        if (headers.isEmpty()) {
            return peer;
        }
        String[] hops = headers.getLast().split(",");
        String seenByProxy = hops[hops.length - 1].strip();
        return IP_LITERAL.matcher(seenByProxy).matches() ? seenByProxy : peer;
    }
}
