package com.evplatform.device.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

import com.evplatform.auth.contract.AuthEvents;
import com.evplatform.testsupport.ContractSamples;

/** device-service as a consumer: it can read what auth-service and command senders put on the wire. */
class ConsumedContractsTest {

    @Test
    void reads_the_operators_auth_service_announces() {
        var created = ContractSamples.read(AuthEvents.OPERATOR_CREATED);

        assertThat(created.code()).isNotBlank();
        assertThat(created.name()).isNotBlank();
    }

    @Test
    void reads_every_command_kind_and_turns_each_into_its_ocpp_call_or_carries_it_out_itself() {
        var commands = ContractSamples.readAll(DeviceEvents.COMMAND);

        assertThat(commands).extracting(ChargerCommand::kind).containsExactlyInAnyOrder(ChargerCommand.Kind.values());
        assertThat(commands).allSatisfy(command -> {
            assertThat(command.commandId()).isNotBlank();
            assertThat(command.chargePointId()).isNotBlank();
            if (!(command instanceof ChargerCommand.CancelStart)) {
                var call = com.evplatform.device.ocpp.command.ChargerCommands.toOcpp(command);
                assertThat(call.action()).isNotBlank();
            }
        });
        assertThat(Arrays.stream(ChargerCommand.Kind.values())).hasSize(commands.size());
    }
}
