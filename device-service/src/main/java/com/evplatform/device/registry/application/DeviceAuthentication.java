package com.evplatform.device.registry.application;

import java.util.Locale;

import org.springframework.stereotype.Service;

import com.evplatform.device.registry.model.Connector;

/**
 * Can this connector start a session now? Known, its charger connected, and the connector
 * Available or Preparing (cable in), and the charger itself (connector 0) neither Faulted nor
 * Unavailable; otherwise the reason, as API.md names it. A connector that never reported a
 * status counts as UNAVAILABLE.
 */
@Service
public class DeviceAuthentication {

    public record Answer(boolean available, String reason, String status) {
    }

    private final Registry registry;
    private final ChargerLiveState live;

    DeviceAuthentication(Registry registry, ChargerLiveState live) {
        this.registry = registry;
        this.live = live;
    }

    public Answer check(String connectorCode) {
        Connector connector = registry.connector(connectorCode);
        if (!live.online(connector.chargePointId())) {
            return new Answer(false, "OFFLINE", "Unknown");
        }
        // Connector 0 speaks for the whole charger: a faulted or unavailable charger starts nothing.
        String charger = live.connectorStatus(connector.chargePointId(), 0).orElse("Available");
        if (charger.equalsIgnoreCase("Faulted")) {
            return new Answer(false, "FAULTED", charger);
        }
        if (charger.equalsIgnoreCase("Unavailable")) {
            return new Answer(false, "UNAVAILABLE", charger);
        }
        String status = live.connectorStatus(connector.chargePointId(), connector.connectorId()).orElse("Unknown");
        return switch (status.toLowerCase(Locale.ROOT)) {
            case "available", "preparing" -> new Answer(true, null, status);
            case "faulted" -> new Answer(false, "FAULTED", status);
            case "reserved" -> new Answer(false, "RESERVED", status);
            case "charging", "suspendedev", "suspendedevse", "finishing" -> new Answer(false, "OCCUPIED", status);
            default -> new Answer(false, "UNAVAILABLE", status);
        };
    }
}
