package com.evplatform.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

class ValueTypesTest {

    private final JsonMapper json = JsonMapper.builder().build();

    record Carrier(EnergyWh energy, ConnectorCode connector) {
    }

    @Test
    void energy_and_connector_codes_travel_as_plain_json_values() {
        String written = json.writeValueAsString(new Carrier(EnergyWh.of(1500), ConnectorCode.of("CP-0001", 2)));
        assertThat(written).isEqualTo("{\"energy\":1500,\"connector\":\"CP-0001-2\"}");
        assertThat(json.readValue(written, Carrier.class))
                .isEqualTo(new Carrier(EnergyWh.of(1500), ConnectorCode.of("CP-0001-2")));
    }

    @Test
    void energy_is_never_negative() {
        assertThatThrownBy(() -> EnergyWh.of(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(EnergyWh.between(1000, 900)).isEqualTo(EnergyWh.ZERO);
        assertThat(EnergyWh.between(1000, 1250)).isEqualTo(EnergyWh.of(250));
    }

    @Test
    void a_connector_code_names_a_charge_point_and_a_connector() {
        assertThatThrownBy(() -> ConnectorCode.of("CP-0001")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ConnectorCode.of("CP 0001-1")).isInstanceOf(IllegalArgumentException.class);
        assertThat(ConnectorCode.of("site.a_1-12").value()).isEqualTo("site.a_1-12");
    }

    @Test
    void a_message_type_is_named_service_dot_kind() {
        assertThat(MessageType.of("device.transaction-started", String.class).schemaVersion()).isEqualTo(1);
        assertThatThrownBy(() -> MessageType.of("TransactionStarted", String.class))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
