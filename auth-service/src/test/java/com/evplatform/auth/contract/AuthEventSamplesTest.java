package com.evplatform.auth.contract;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.evplatform.contract.MessageType;
import com.evplatform.testsupport.ContractSamples;

import tools.jackson.databind.json.JsonMapper;

/** auth-service as a producer: its account events go on the wire as auth-contract's golden samples say. */
class AuthEventSamplesTest {

    @Test
    void account_events_go_on_the_wire_as_the_golden_samples_say() {
        Map<MessageType<?>, Object> samples = Map.of(
                AuthEvents.USER_REGISTERED, new AuthEvent.UserRegistered("0190f1d2-0000-7a10-8b1e-000000000001",
                        "alice", "DRIVER", null),
                AuthEvents.OPERATOR_CREATED, new AuthEvent.OperatorCreated("GREENVOLT", "Green Volt"));

        ContractSamples.assertProducerWrites(Path.of("../auth-contract"), JsonMapper.builder().build(),
                AuthEvents.ALL, samples);
    }
}
