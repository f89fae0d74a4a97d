package com.evplatform.device.ocpp;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.support.DefaultHandshakeHandler;

import com.evplatform.device.contract.DeviceEvents;
import com.evplatform.device.ocpp.admission.AdmissionProperties;
import com.evplatform.device.ocpp.protocol.OcppSchemas;
import com.evplatform.device.ocpp.server.ChargerHandshake;
import com.evplatform.device.ocpp.server.OcppEndpoint;
import com.evplatform.messaging.ConsumerDefinition;
import com.evplatform.contract.ExchangeDefinition;

/** The OCPP 1.6J central system: the WebSocket endpoint, its limits and its messaging. */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
@EnableConfigurationProperties({OcppProperties.class, AdmissionProperties.class})
class OcppConfiguration implements WebSocketConfigurer {

    private static final int SOCKET_BUFFER_BYTES = 4096;

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

    /**
     * Every connected charger holds its socket's read and write buffers for as long as it stays
     * connected; Tomcat's 8 KB each are sized for HTTP bodies, not for OCPP frames of a few hundred
     * bytes. Larger frames are read in more passes, nothing is cut. See also
     * {@link com.evplatform.device.DeviceApplication#WEBSOCKET_BUFFER} for the WebSocket layer's.
     */
    @Bean
    static TomcatConnectorCustomizer smallSocketBuffers() {
        return connector -> {
            connector.setProperty("socket.appReadBufSize", Integer.toString(SOCKET_BUFFER_BYTES));
            connector.setProperty("socket.appWriteBufSize", Integer.toString(SOCKET_BUFFER_BYTES));
        };
    }

    @Bean
    static OcppSchemas ocppSchemas() {
        return OcppSchemas.load();
    }

    @Bean
    static ExchangeDefinition deviceEvents() {
        return DeviceEvents.EXCHANGE;
    }

    @Bean
    static ExchangeDefinition deviceCommands() {
        return DeviceEvents.COMMANDS;
    }
}
