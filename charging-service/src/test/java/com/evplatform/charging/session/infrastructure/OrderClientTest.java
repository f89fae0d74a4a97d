package com.evplatform.charging.session.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import com.evplatform.service.support.refusal.Refusal;


class OrderClientTest {

    @Test
    void a_402_problem_keeps_its_code_detail_and_extra_properties() {
        Refusal refused = OrderClient.paymentRequired("""
                {"type":"about:blank","title":"Payment Required","status":402,"detail":"Top up first",
                 "code":"INSUFFICIENT_BALANCE","traceId":"abc","balance":"3.00","minimum":"5.00",
                 "nested":{"x":1},"missing":null}""".getBytes(StandardCharsets.UTF_8));

        assertThat(refused.kind()).isEqualTo(Refusal.Kind.PAYMENT_REQUIRED);
        assertThat(refused.code()).isEqualTo("INSUFFICIENT_BALANCE");
        assertThat(refused.getMessage()).isEqualTo("Top up first");
        assertThat(refused.properties()).containsOnlyKeys("balance", "minimum")
                .containsEntry("balance", "3.00").containsEntry("minimum", "5.00");
    }

    @Test
    void a_402_without_a_readable_problem_is_still_payment_required() {
        Refusal refused = OrderClient.paymentRequired("<html>402</html>".getBytes(StandardCharsets.UTF_8));

        assertThat(refused.kind()).isEqualTo(Refusal.Kind.PAYMENT_REQUIRED);
        assertThat(refused.code()).isEqualTo("PAYMENT_REQUIRED");
        assertThat(refused.properties()).isEmpty();
    }
}
