package com.evplatform.service.support.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import jakarta.servlet.FilterChain;

class JsonBodyLimitTest {

    private final JsonBodyLimit limit = new JsonBodyLimit(16);
    private final AtomicReference<String> bodySeen = new AtomicReference<>();
    private final FilterChain chain = (request, response) -> bodySeen.set(new String(
            request.getInputStream().readAllBytes(), StandardCharsets.UTF_8));

    @Test
    void refuses_a_chunked_json_body_over_the_limit_with_a_413_problem() throws Exception {
        MockHttpServletResponse response = send(chunked("application/json", "{\"padding\":\"xxxxxxxxxx\"}"));

        assertThat(response.getStatus()).isEqualTo(413);
        assertThat(response.getContentType()).startsWith("application/problem+json");
        assertThat(response.getContentAsString()).contains("\"code\":\"PAYLOAD_TOO_LARGE\"");
        assertThat(bodySeen).hasNullValue();
    }

    @Test
    void refuses_a_declared_length_over_the_limit_without_reading_it() throws Exception {
        var request = new MockHttpServletRequest("POST", "/api/things");
        request.setContentType("application/problem+json");
        request.setContent("{\"padding\":\"xxxxxxxxxx\"}".getBytes(StandardCharsets.UTF_8));

        assertThat(send(request).getStatus()).isEqualTo(413);
        assertThat(bodySeen).hasNullValue();
    }

    @Test
    void passes_a_chunked_json_body_within_the_limit_on_whole() throws Exception {
        MockHttpServletResponse response = send(chunked("application/json;charset=UTF-8", "{\"a\":1}"));

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(bodySeen).hasValue("{\"a\":1}");
    }

    @Test
    void leaves_other_bodies_to_their_endpoints() throws Exception {
        MockHttpServletResponse response = send(chunked("text/csv", "paymentId,topUpId,amount,currency,paidAt"));

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(bodySeen).hasValue("paymentId,topUpId,amount,currency,paidAt");
    }

    private MockHttpServletResponse send(MockHttpServletRequest request) throws Exception {
        var response = new MockHttpServletResponse();
        limit.doFilter(request, response, chain);
        return response;
    }

    /** A request whose body declares no length, as a chunked one arrives. */
    private static MockHttpServletRequest chunked(String contentType, String body) {
        var request = new MockHttpServletRequest("POST", "/api/things") {
            @Override
            public long getContentLengthLong() {
                return -1;
            }

            @Override
            public int getContentLength() {
                return -1;
            }
        };
        request.setContentType(contentType);
        request.setContent(body.getBytes(StandardCharsets.UTF_8));
        return request;
    }
}
