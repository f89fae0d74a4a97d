package com.evplatform.device.ocpp.server;

import java.time.Duration;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.QueueInformation;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;

import com.evplatform.device.ocpp.OcppProperties;
import com.evplatform.messaging.ConsumerDefinition;
import com.evplatform.messaging.InstanceRoutes;

/**
 * Lets go of the chargers in an order that loses no command. At shutdown, before the web
 * server and long before the consumers stop (their phase is DEFAULT_PHASE - 3072):
 * <ol>
 * <li>the command routes of every charger held are removed, so a new command is returned to
 * its sender at once (the charger's answer: offline) or reaches the instance the charger moves
 * to;</li>
 * <li>while the commands already routed here are taken from this instance's queue and the calls
 * already sent wait for the chargers' answers, the sockets stay open (at most
 * {@code shutdown-drain});</li>
 * <li>then every socket is closed with 1012 (service restart), and chargers reconnect to
 * another instance.</li>
 * </ol>
 * Without this, consumers stopped first while sockets and routes stayed up: commands were
 * confirmed into a queue nobody read, which then expired.
 */
@Component
class OcppShutdown implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OcppShutdown.class);
    private static final Duration POLL = Duration.ofMillis(100);

    private final ConnectedChargers chargers;
    private final InstanceRoutes routes;
    private final AmqpAdmin admin;
    private final String commandQueue;
    private final Duration drain;
    private volatile boolean running;

    OcppShutdown(ConnectedChargers chargers, InstanceRoutes routes, AmqpAdmin admin,
            @Qualifier("chargerCommandsConsumer") ConsumerDefinition commands, OcppProperties properties) {
        this.chargers = chargers;
        this.routes = routes;
        this.admin = admin;
        this.commandQueue = commands.queueNames().getFirst();
        this.drain = properties.shutdownDrain();
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        int released = routes.releaseAll();
        long deadline = System.nanoTime() + drain.toNanos();
        while (underWay() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(POLL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        List<ChargerConnection> held = chargers.all();
        log.info("shutting down: released {} command routes, closing {} charger connections{}", released, held.size(),
                underWay() ? " with work still under way after " + drain : "");
        held.forEach(connection -> connection.close(CloseStatus.SERVICE_RESTARTED));
    }

    /** Commands still in this instance's queue, or calls awaiting a charger's answer. */
    private boolean underWay() {
        return waitingCommands() > 0 || chargers.all().stream().anyMatch(ChargerConnection::awaitsAnswers);
    }

    private long waitingCommands() {
        try {
            QueueInformation queue = admin.getQueueInfo(commandQueue);
            return queue == null ? 0 : queue.getMessageCount();
        } catch (RuntimeException e) {
            // The broker is away: nothing more can be taken from the queue now.
            return 0;
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Before the web server's graceful shutdown (DEFAULT_PHASE - 1024): sockets are ours to close first. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 512;
    }
}
