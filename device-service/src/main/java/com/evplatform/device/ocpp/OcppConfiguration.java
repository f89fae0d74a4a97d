package com.evplatform.device.ocpp;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.support.DefaultHandshakeHandler;

import com.evplatform.device.ocpp.protocol.OcppSchemas;
import com.evplatform.device.ocpp.server.ChargerHandshake;
import com.evplatform.device.ocpp.server.OcppEndpoint;
import com.evplatform.messaging.ConsumerDefinition;
import com.evplatform.messaging.ExchangeDefinition;

/** The OCPP 1.6J central system: the WebSocket endpoint, its limits and its messaging. */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
@EnableConfigurationProperties(OcppProperties.class)
class OcppConfiguration implements WebSocketConfigurer {

    private final OcppEndpoint endpoint;
    private final ChargerHandshake handshake;

    OcppConfiguration(OcppEndpoint endpoint, ChargerHandshake handshake) {
        this.endpoint = endpoint;
        this.handshake = handshake;
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        var handshakeHandler = new DefaultHandshakeHandler();
        handshakeHandler.setSupportedProtocols(ChargerHandshake.SUBPROTOCOL);
        // Chargers are not browsers: no Origin check applies to them.
        registry.addHandler(endpoint, "/ocpp/*").addInterceptors(handshake).setHandshakeHandler(handshakeHandler)
                .setAllowedOrigins("*");
    }

    @Bean
    static OcppSchemas ocppSchemas() {
        return OcppSchemas.load();
    }

    @Bean
    static ExchangeDefinition deviceEvents() {
        return DeviceMessages.DEVICE_EVENTS;
    }

    @Bean
    static ExchangeDefinition deviceCommands() {
        return DeviceMessages.DEVICE_COMMANDS;
    }
}
