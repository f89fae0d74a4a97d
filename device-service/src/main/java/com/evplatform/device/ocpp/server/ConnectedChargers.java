package com.evplatform.device.ocpp.server;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;

import com.evplatform.device.contract.DeviceEvent;
import com.evplatform.device.contract.DeviceEvents;
import com.evplatform.device.ocpp.OcppProperties;
import com.evplatform.device.ocpp.charger.GroupCommit;
import com.evplatform.device.ocpp.charger.OcppRecords;
import com.evplatform.device.registry.application.ChargerLiveState;
import com.evplatform.messaging.InstanceRoutes;
import com.evplatform.messaging.MessagingInstance;
import com.evplatform.messaging.Outbox;
import com.evplatform.messaging.OutgoingMessage;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The chargers whose WebSocket this instance holds. Connecting marks the charger online in
 * Redis, binds {@code cp.<id>} to this instance's command queue and announces it; a charger
 * connecting again replaces its old socket. Disconnecting undoes it all, unless the charger
 * has meanwhile connected again (here or on another instance). Connect and disconnect of one
 * charger are serialised, so a close racing a reconnect cannot unbind the new socket.
 *
 * <p>The Redis marks are a cache of what this map knows: when Redis is away, OCPP goes on
 * and the failure is counted, rather than dropping chargers.
 */
@Component
public class ConnectedChargers {

    /** The per-instance consumer of {@code device.commands}. */
    public static final String COMMANDS_CONSUMER = "device.commands";

    private static final Logger log = LoggerFactory.getLogger(ConnectedChargers.class);
    private static final int LOCK_STRIPES = 1024;

    private final Map<String, ChargerConnection> connections = new ConcurrentHashMap<>();
    private final ReentrantLock[] locks = new ReentrantLock[LOCK_STRIPES];
    private final ChargerLiveState live;
    private final InstanceRoutes routes;
    private final OcppRecords records;
    private final Outbox outbox;
    private final GroupCommit groupCommit;
    private final OcppProperties properties;
    private final Clock clock;
    private final Counter liveStateFailures;
    private final Counter liveStateRestored;

    ConnectedChargers(ChargerLiveState live, InstanceRoutes routes, OcppRecords records, Outbox outbox,
            GroupCommit groupCommit, OcppProperties properties, Clock clock, MeterRegistry meters) {
        this.live = live;
        this.routes = routes;
        this.records = records;
        this.outbox = outbox;
        this.groupCommit = groupCommit;
        this.properties = properties;
        this.clock = clock;
        for (int i = 0; i < LOCK_STRIPES; i++) {
            locks[i] = new ReentrantLock();
        }
        Gauge.builder("ocpp.connections", connections, Map::size).register(meters);
        this.liveStateFailures = meters.counter("ocpp.live-state.failures");
        this.liveStateRestored = meters.counter("ocpp.live-state.restored");
    }

    void connected(ChargerConnection connection) {
        String chargePointId = connection.chargePointId();
        ReentrantLock lock = lockOf(chargePointId);
        lock.lock();
        try {
            ChargerConnection previous = connections.put(chargePointId, connection);
            if (previous != null && previous != connection) {
                log.info("{} connected again; closing its previous socket", chargePointId);
                previous.close(CloseStatus.POLICY_VIOLATION.withReason("replaced by a new connection"));
            }
            try {
                live.markOnline(chargePointId, holder(connection), properties.onlineTtl());
            } catch (RuntimeException e) {
                liveStateFailed("mark online", chargePointId, e);
            }
            try {
                routes.bind(COMMANDS_CONSUMER, DeviceEvents.commandRoutingKey(chargePointId));
            } catch (RuntimeException e) {
                log.warn("cannot bind commands of {} now (bound when the broker is back): {}", chargePointId,
                        e.toString());
            }
        } finally {
            lock.unlock();
        }
        announce(new DeviceEvent.ChargerOnline(chargePointId, clock.instant()));
    }

    void disconnected(ChargerConnection connection) {
        String chargePointId = connection.chargePointId();
        connection.failPendingCalls();
        boolean offline;
        ReentrantLock lock = lockOf(chargePointId);
        lock.lock();
        try {
            if (!connections.remove(chargePointId, connection)) {
                return;
            }
            // Not waited for: a reconnect's bind is applied after this removal all the same.
            routes.release(COMMANDS_CONSUMER, DeviceEvents.commandRoutingKey(chargePointId));
            try {
                offline = live.markOffline(chargePointId, holder(connection));
            } catch (RuntimeException e) {
                liveStateFailed("mark offline", chargePointId, e);
                offline = true;
            }
        } finally {
            lock.unlock();
        }
        if (offline) {
            announce(new DeviceEvent.ChargerOffline(chargePointId, clock.instant()));
        }
    }

    /**
     * Any message from the charger shows it is alive. The mark lives for {@code onlineTtl}, so
     * it is renewed at most every quarter of that, not on every frame: a fleet's heartbeats,
     * meter values and status reports cost no Redis call each. A lapsed mark is found by the
     * next renewal or by {@link LiveStateReassertion}'s sweep, whichever comes first.
     */
    void seen(ChargerConnection connection) {
        if (!connection.renewalDue(properties.onlineTtl().dividedBy(4))) {
            return;
        }
        try {
            reassert(connection);
        } catch (RuntimeException e) {
            liveStateFailed("renew online", connection.chargePointId(), e);
        }
    }

    /**
     * Marks the charger online again, and restores its connectors' statuses from the history,
     * when its mark had lapsed while this instance held it (Redis restarted, evicted the key, or
     * was away when the charger connected).
     *
     * @return true when the mark had lapsed
     * @throws RuntimeException when Redis cannot be reached
     */
    boolean reassert(ChargerConnection connection) {
        String chargePointId = connection.chargePointId();
        if (!live.renewOnline(chargePointId, holder(connection), properties.onlineTtl())) {
            return false;
        }
        records.lastStatuses(chargePointId).forEach((connectorId, status) ->
                live.restoreConnectorStatus(chargePointId, connectorId, status));
        liveStateRestored.increment();
        log.info("live state of {} had lapsed while connected here: marked online again", chargePointId);
        return true;
    }

    public Optional<ChargerConnection> find(String chargePointId) {
        return Optional.ofNullable(connections.get(chargePointId)).filter(ChargerConnection::isOpen);
    }

    /**
     * Whether this connection is the charger's current one for the whole platform. A socket
     * can look open here while the charger already reconnected elsewhere (a half-open TCP
     * connection lingers until its idle timeout).
     *
     * @return empty when Redis cannot tell
     */
    public Optional<Boolean> isCurrent(ChargerConnection connection) {
        try {
            return Optional.of(live.holder(connection.chargePointId()).map(holder(connection)::equals)
                    .orElse(false));
        } catch (RuntimeException e) {
            liveStateFailed("read holder", connection.chargePointId(), e);
            return Optional.empty();
        }
    }

    /** Closes a socket the charger has left for another; closing unbinds and cleans up as usual. */
    public void dropStale(ChargerConnection connection) {
        log.info("{}: closing a stale socket, the charger is connected elsewhere", connection.chargePointId());
        connection.close(CloseStatus.POLICY_VIOLATION.withReason("the charger is connected elsewhere"));
    }

    public int count() {
        return connections.size();
    }

    /** The connections this instance holds now. */
    List<ChargerConnection> all() {
        return List.copyOf(connections.values());
    }

    private void announce(DeviceEvent event) {
        groupCommit.write(event.chargePointId(), () -> {
            records.chargerSeen(event.chargePointId(), clock.instant());
            outbox.publish(OutgoingMessage.to(DeviceEvents.EXCHANGE)
                    .aggregate(DeviceEvents.aggregateOf(event.chargePointId()))
                    .messageOf(DeviceEvents.kindOf(event), event));
        });
    }

    private void liveStateFailed(String what, String chargePointId, RuntimeException e) {
        liveStateFailures.increment();
        log.warn("live state: cannot {} for {}: {}", what, chargePointId, e.toString());
    }

    /** A lock, not a monitor: a virtual thread waiting for the broker under it releases its carrier. */
    private ReentrantLock lockOf(String chargePointId) {
        return locks[Math.floorMod(chargePointId.hashCode(), LOCK_STRIPES)];
    }

    private static String holder(ChargerConnection connection) {
        return MessagingInstance.id() + "/" + connection.sessionId();
    }
}
