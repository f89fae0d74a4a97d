package com.evplatform.device.ocpp.admission;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.mock.web.MockHttpServletRequest;

class ClientAddressesTest {

    private final ClientAddresses addresses = new ClientAddresses(new AdmissionProperties(32, Duration.ZERO,
            Duration.ofSeconds(5), Duration.ofSeconds(10), 20, 100, Duration.ofSeconds(60),
            List.of("127.0.0.1", " 10.1.0.0/16 ", "")));

    @Test
    void a_trusted_proxy_names_the_client_in_the_last_entry_it_wrote() {
        assertThat(addresses.of(request("127.0.0.1", "203.0.113.7"))).isEqualTo("203.0.113.7");
        assertThat(addresses.of(request("10.1.2.3", "198.51.100.1, 203.0.113.7"))).isEqualTo("203.0.113.7");
        assertThat(addresses.of(request("10.1.2.3", "2001:db8::1"))).isEqualTo("2001:db8::1");
    }

    @Test
    void any_other_peer_is_the_client_whatever_it_claims() {
        assertThat(addresses.of(request("192.0.2.10", "203.0.113.7"))).isEqualTo("192.0.2.10");
        assertThat(addresses.of(request("10.2.0.1", "203.0.113.7"))).isEqualTo("10.2.0.1");
    }

    @Test
    void without_a_usable_entry_the_proxy_itself_is_counted() {
        assertThat(addresses.of(request("127.0.0.1", null))).isEqualTo("127.0.0.1");
        assertThat(addresses.of(request("127.0.0.1", "not an address"))).isEqualTo("127.0.0.1");
        assertThat(addresses.of(request("127.0.0.1", "203.0.113.7, evil.example.com"))).isEqualTo("127.0.0.1");
    }

    private static ServletServerHttpRequest request(String peer, String forwardedFor) {
        var request = new MockHttpServletRequest("GET", "/ocpp/CP-1");
        request.setRemoteAddr(peer);
        if (forwardedFor != null) {
            request.addHeader("X-Forwarded-For", forwardedFor);
        }
        return new ServletServerHttpRequest(request);
    }
}
