package com.evplatform.device;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Scheduled: live-state reassertion, unanswered operator commands, status-history retention. */
@SpringBootApplication
@EnableScheduling
public class DeviceApplication {

    /**
     * Tomcat's WebSocket buffers (receive, send, encode) per connection, read once when its WebSocket
     * classes load: 8 K by default, which 10,000 chargers would hold all the time. OCPP frames are a
     * few hundred bytes; a larger one is received in parts (joined by the OCPP endpoint) and sent in
     * several writes. Set the system property to override.
     */
    public static final String WEBSOCKET_BUFFER = "org.apache.tomcat.websocket.DEFAULT_BUFFER_SIZE";
    private static final String WEBSOCKET_BUFFER_BYTES = "2048";

    public static void main(String[] args) {
        if (System.getProperty(WEBSOCKET_BUFFER) == null) {
            System.setProperty(WEBSOCKET_BUFFER, WEBSOCKET_BUFFER_BYTES);
        }
        SpringApplication.run(DeviceApplication.class, args);
    }
}
