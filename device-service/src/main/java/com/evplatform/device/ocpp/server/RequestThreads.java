package com.evplatform.device.ocpp.server;

import org.apache.tomcat.util.threads.VirtualThreadExecutor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.tomcat.TomcatProtocolHandlerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Tomcat runs handshakes, frames and API requests on virtual threads here. A charger's
 * BootNotification or StatusNotification waits for its group commit (ADR 19) and its handshake
 * for the broker's binding; with a pool of 200 platform threads, a storm of thousands of
 * chargers left every thread waiting and the next handshakes queued until the chargers gave up
 * (docs/benchmarks.md, "OCPP connection storms"). A virtual thread that waits gives its carrier
 * to the next one, so a new connection is taken while others wait. Concurrency stays bounded
 * where it costs: handshakes by admission control (ADR 16), writes by the group commit's
 * writers, database connections by the pool. {@code OCPP_VIRTUAL_THREADS=false} goes back to
 * Tomcat's platform pool.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "platform.device.ocpp.virtual-threads", havingValue = "true", matchIfMissing = true)
class RequestThreads {

    @Bean
    TomcatProtocolHandlerCustomizer<?> virtualRequestThreads() {
        return protocolHandler -> protocolHandler.setExecutor(new VirtualThreadExecutor("device-request-"));
    }
}
