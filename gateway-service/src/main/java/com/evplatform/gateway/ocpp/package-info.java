/** Chargers' OCPP WebSocket through the gateway: device-service answers the handshake before the charger is upgraded. */
package com.evplatform.gateway.ocpp;
