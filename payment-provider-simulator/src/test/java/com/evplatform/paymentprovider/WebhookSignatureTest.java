package com.evplatform.paymentprovider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import com.evplatform.paymentprovider.WebhookSignature.Verification;

class WebhookSignatureTest {

    private static final String SECRET = "whsec_test";
    private static final long T = 1_700_000_000L;
    private static final Instant AT_T = Instant.ofEpochSecond(T);
    private static final String BODY = "{\"eventId\":\"evt_1\",\"amount\":\"50.00\"}";

    @Test
    void signsTheTimestampDotBodyWithHmacSha256() throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = HexFormat.of().formatHex(mac.doFinal((T + "." + BODY).getBytes(StandardCharsets.UTF_8)));

        assertThat(WebhookSignature.sign(SECRET, T, BODY)).isEqualTo(expected);
    }

    @Test
    void matchesAValueComputedOutsideJava() {
        // printf '%s' '1700000000.{"eventId":"evt_1","amount":"50.00"}' | openssl dgst -sha256 -hmac whsec_test
        assertThat(WebhookSignature.sign(SECRET, T, BODY))
                .isEqualTo("21ba95371d0eb6021f8665dc389b68a8bb27a255b0cf058b7a8313f669b29aa9");
        assertThat(WebhookSignature.sign(SECRET, T, BODY.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("21ba95371d0eb6021f8665dc389b68a8bb27a255b0cf058b7a8313f669b29aa9");
    }

    @Test
    void headerCarriesTheTimestampAndTheSignature() {
        assertThat(WebhookSignature.header(SECRET, T, BODY))
                .isEqualTo("t=1700000000,v1=21ba95371d0eb6021f8665dc389b68a8bb27a255b0cf058b7a8313f669b29aa9");
        assertThat(WebhookSignature.timestampOf(WebhookSignature.header(SECRET, T, BODY))).hasValue(T);
    }

    @Test
    void acceptsItsOwnSignatureRoundTrip() {
        String header = WebhookSignature.header(SECRET, T, BODY);

        assertThat(WebhookSignature.verify(SECRET, header, BODY, AT_T)).isEqualTo(Verification.VALID);
        assertThat(WebhookSignature.verify(SECRET, header, BODY, AT_T).isValid()).isTrue();
    }

    @Test
    void acceptsUpperCaseHexSpacesAndUnknownSchemes() {
        String signature = WebhookSignature.sign(SECRET, T, BODY).toUpperCase();

        assertThat(WebhookSignature.verify(SECRET, "t=" + T + ", v1=" + signature + ", v0=abc", BODY, AT_T))
                .isEqualTo(Verification.VALID);
    }

    @Test
    void acceptsWhenAnyOfSeveralSignaturesMatches() {
        String header = "t=" + T + ",v1=" + WebhookSignature.sign("old-secret", T, BODY) + ",v1="
                + WebhookSignature.sign(SECRET, T, BODY);

        assertThat(WebhookSignature.verify(SECRET, header, BODY, AT_T)).isEqualTo(Verification.VALID);
        assertThat(WebhookSignature.verify("third-secret", header, BODY, AT_T)).isEqualTo(Verification.BAD_SIGNATURE);
    }

    @Test
    void rejectsABodyChangedAfterSigning() {
        String header = WebhookSignature.header(SECRET, T, BODY);

        assertThat(WebhookSignature.verify(SECRET, header, BODY.replace("50.00", "5000.00"), AT_T))
                .isEqualTo(Verification.BAD_SIGNATURE);
        assertThat(WebhookSignature.verify(SECRET, header, BODY + " ", AT_T)).isEqualTo(Verification.BAD_SIGNATURE);
    }

    @Test
    void rejectsAnotherSecret() {
        String header = WebhookSignature.header("not-the-secret", T, BODY);

        assertThat(WebhookSignature.verify(SECRET, header, BODY, AT_T)).isEqualTo(Verification.BAD_SIGNATURE);
    }

    @Test
    void rejectsATimestampChangedAfterSigning() {
        String signature = WebhookSignature.sign(SECRET, T, BODY);

        assertThat(WebhookSignature.verify(SECRET, WebhookSignature.header(T + 1, signature), BODY, AT_T))
                .isEqualTo(Verification.BAD_SIGNATURE);
    }

    @Test
    void acceptsUpToTheToleranceEitherWayAndCallsAnythingFurtherStale() {
        String header = WebhookSignature.header(SECRET, T, BODY);

        assertThat(WebhookSignature.verify(SECRET, header, BODY, AT_T.plusSeconds(300))).isEqualTo(Verification.VALID);
        assertThat(WebhookSignature.verify(SECRET, header, BODY, AT_T.minusSeconds(300))).isEqualTo(Verification.VALID);
        assertThat(WebhookSignature.verify(SECRET, header, BODY, AT_T.plusSeconds(301)))
                .isEqualTo(Verification.STALE_SIGNATURE);
        assertThat(WebhookSignature.verify(SECRET, header, BODY, AT_T.minusSeconds(301)))
                .isEqualTo(Verification.STALE_SIGNATURE);
        assertThat(WebhookSignature.verify(SECRET, header, BODY, AT_T.plusSeconds(31), Duration.ofSeconds(30)))
                .isEqualTo(Verification.STALE_SIGNATURE);
    }

    @Test
    void aStaleTimestampWithABadSignatureIsABadSignature() {
        String header = WebhookSignature.header("not-the-secret", T, BODY);

        assertThat(WebhookSignature.verify(SECRET, header, BODY, AT_T.plusSeconds(3600)))
                .isEqualTo(Verification.BAD_SIGNATURE);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", "garbage", "t=1700000000", "v1=00ff", "t=,v1=00ff", "t=abc,v1=00ff",
            "t=-1700000000,v1=00ff", "t=1700000000,v1=", "t=1700000000,v1=xyz", "t=1700000000,v1=0ff",
            "t=1700000000;v1=00ff", "t=1,t=1700000000,v1=00ff", "t=99999999999999999999,v1=00ff", "=1,t=1,v1=00"})
    void rejectsMalformedHeaders(String header) {
        assertThat(WebhookSignature.verify(SECRET, header, BODY, AT_T)).isEqualTo(Verification.BAD_SIGNATURE);
        assertThat(WebhookSignature.timestampOf(header)).isEmpty();
    }

    @Test
    void refusesAnEmptySecret() {
        assertThatThrownBy(() -> WebhookSignature.sign("", T, BODY))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty");
    }
}
