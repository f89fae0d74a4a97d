package com.evplatform.charging.contract;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.evplatform.device.contract.ChargerCommand;
import com.evplatform.device.contract.DeviceEvent;
import com.evplatform.device.contract.DeviceEvents;
import com.evplatform.testsupport.ContractSamples;

/** charging-service as a consumer: the device events it applies carry every field it relies on. */
class ConsumedContractsTest {

    @Test
    void a_transaction_started_names_its_session_idtag_transaction_and_meter_start() {
        DeviceEvent.TransactionStarted started = ContractSamples.read(DeviceEvents.TRANSACTION_STARTED);

        assertThat(started.sessionId()).isNotBlank();
        assertThat(started.idTag()).isNotBlank();
        assertThat(started.transactionId()).isPositive();
        assertThat(started.meterStartWh()).isNotNegative();
        assertThat(started.timestamp()).isNotNull();
    }

    @Test
    void meter_values_carry_timed_register_readings() {
        DeviceEvent.MeterValuesReported reported = ContractSamples.read(DeviceEvents.METER_VALUES);

        assertThat(reported.transactionId()).isNotNull();
        assertThat(reported.samples()).isNotEmpty().allSatisfy(sample -> {
            assertThat(sample.timestamp()).isNotNull();
            assertThat(sample.energyWh()).isNotNull();
        });
    }

    @Test
    void a_transaction_stopped_carries_the_meter_stop_time_and_reason() {
        DeviceEvent.TransactionStopped stopped = ContractSamples.read(DeviceEvents.TRANSACTION_STOPPED);

        assertThat(stopped.meterStopWh()).isGreaterThanOrEqualTo(stopped.meterStartWh());
        assertThat(stopped.timestamp()).isAfter(stopped.startedAt());
        assertThat(stopped.reason()).isNotBlank();
    }

    @Test
    void a_command_result_names_the_command_kind_status_and_session() {
        DeviceEvent.CommandResult result = ContractSamples.read(DeviceEvents.COMMAND_RESULT);

        assertThat(result.type()).isEqualTo(ChargerCommand.Kind.REMOTE_START);
        assertThat(result.status()).isNotNull();
        assertThat(result.sessionId()).isNotBlank();
    }

    @Test
    void a_returned_remote_start_names_its_session() {
        assertThat(ContractSamples.readAll(DeviceEvents.COMMAND)).filteredOn(ChargerCommand.RemoteStart.class::isInstance)
                .singleElement().satisfies(command -> assertThat(command.session()).isNotBlank());
    }
}
