package com.evplatform.auth.account.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

import com.evplatform.auth.token.AuthProperties;

class ClientAddressesTest {

    private final ClientAddresses addresses = new ClientAddresses(new AuthProperties(null, null, "ev-platform",
            Duration.ofMinutes(15), Duration.ofDays(30), Duration.ofDays(30), List.of("10.0.0.5", "fd00::/8"),
            new AuthProperties.Login(5, 20, Duration.ofMinutes(15)), new AuthProperties.Admin(null, null),
            new AuthProperties.Retention(Duration.ofDays(7), Duration.ofHours(1), 5000)));

    @Test
    void a_client_that_is_not_a_trusted_proxy_is_counted_by_its_own_address_whatever_it_forwards() {
        assertThat(addresses.of(request("198.51.100.20", "203.0.113.7"))).isEqualTo("198.51.100.20");
        assertThat(addresses.of(request("10.0.0.6", "203.0.113.7"))).isEqualTo("10.0.0.6");
    }

    @Test
    void behind_the_gateway_the_client_is_the_address_the_gateway_saw() {
        assertThat(addresses.of(request("10.0.0.5", "203.0.113.7"))).isEqualTo("203.0.113.7");
        assertThat(addresses.of(request("fd00::1", "2001:db8::7"))).isEqualTo("2001:db8::7");
    }

    @Test
    void only_the_hop_the_gateway_added_is_believed_not_what_the_client_put_before_it() {
        assertThat(addresses.of(request("10.0.0.5", "192.0.2.1, 203.0.113.7"))).isEqualTo("203.0.113.7");
        assertThat(addresses.of(request("10.0.0.5", "192.0.2.1", "203.0.113.7"))).isEqualTo("203.0.113.7");
    }

    @Test
    void the_gateway_without_a_usable_forwarded_address_is_counted_as_itself() {
        assertThat(addresses.of(request("10.0.0.5"))).isEqualTo("10.0.0.5");
        assertThat(addresses.of(request("10.0.0.5", "not an address"))).isEqualTo("10.0.0.5");
        assertThat(addresses.of(request("10.0.0.5", "1".repeat(60)))).isEqualTo("10.0.0.5");
    }

    private static MockHttpServletRequest request(String peer, String... forwardedFor) {
        var request = new MockHttpServletRequest("POST", "/api/auth/login");
        request.setRemoteAddr(peer);
        for (String value : forwardedFor) {
            request.addHeader("X-Forwarded-For", value);
        }
        return request;
    }
}
