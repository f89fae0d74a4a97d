package com.evplatform.device.ocpp.server;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Every {@code live-state-reassert}, each charger this instance holds is marked online again
 * where its mark lapsed: a silent charger between heartbeats, or all of them after Redis comes
 * back empty, would otherwise show OFFLINE (every start refused) until it reconnected. Messages
 * from a charger do the same for it at once ({@link ConnectedChargers#seen}). While Redis is
 * away a sweep stops at the first failure and the next one tries again.
 */
@Component
class LiveStateReassertion {

    private static final Logger log = LoggerFactory.getLogger(LiveStateReassertion.class);

    private final ConnectedChargers chargers;

    LiveStateReassertion(ConnectedChargers chargers) {
        this.chargers = chargers;
    }

    @Scheduled(initialDelayString = "${platform.device.ocpp.live-state-reassert:30s}",
            fixedDelayString = "${platform.device.ocpp.live-state-reassert:30s}")
    void sweep() {
        int restored = 0;
        for (ChargerConnection connection : chargers.all()) {
            if (!connection.isOpen()) {
                continue;
            }
            try {
                if (chargers.reassert(connection)) {
                    restored++;
                }
            } catch (RuntimeException e) {
                log.warn("cannot reassert the live state of the chargers held here now: {}", e.toString());
                return;
            }
        }
        if (restored > 0) {
            log.warn("marked {} connected chargers online again after their live state lapsed", restored);
        }
    }
}
