package com.evplatform.messaging;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.rabbit.connection.Connection;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.connection.ConnectionListener;

/**
 * The routing keys this instance holds on its {@linkplain ConsumerDefinition#perInstance()
 * per-instance} queues: device-service binds {@code cp.<id>} while it holds that charger's
 * WebSocket and unbinds when the socket closes, so commands follow the charger and a command
 * for a charger nobody holds is returned to its sender at once. After a lost broker
 * connection the bindings held are declared again.
 */
public class InstanceRoutes implements ConnectionListener {

    private static final Logger log = LoggerFactory.getLogger(InstanceRoutes.class);

    private final AmqpAdmin admin;
    private final Supplier<List<ConsumerDefinition>> definitions;
    private volatile Map<String, ConsumerDefinition> consumers;
    private final Set<Route> held = ConcurrentHashMap.newKeySet();

    private record Route(String consumer, String routingKey) {
    }

    /** @param definitions the per-instance consumers, looked up at first use (they may depend on this) */
    public InstanceRoutes(AmqpAdmin admin, ConnectionFactory connectionFactory,
            Supplier<List<ConsumerDefinition>> definitions) {
        this.admin = admin;
        this.definitions = definitions;
        connectionFactory.addConnectionListener(this);
    }

    /**
     * Routes messages with this key to this instance's queue of the consumer. Held even when
     * the broker cannot be reached right now: the binding is declared when it comes back.
     */
    public void bind(String consumer, String routingKey) {
        Route route = new Route(consumer, routingKey);
        Binding binding = binding(route);
        held.add(route);
        admin.declareBinding(binding);
    }

    public void unbind(String consumer, String routingKey) {
        Route route = new Route(consumer, routingKey);
        held.remove(route);
        admin.removeBinding(binding(route));
    }

    /**
     * Lets go of every route this instance holds (at shutdown): messages for those keys are
     * returned to their producers, or reach the instances that hold them now.
     *
     * @return how many routes were removed from the broker
     */
    public int releaseAll() {
        int released = 0;
        for (Route route : Set.copyOf(held)) {
            try {
                unbind(route.consumer(), route.routingKey());
                released++;
            } catch (RuntimeException e) {
                // The broker is away: the queue expires with its bindings once this instance is gone.
                log.warn("cannot remove binding {} -> {}: {}", route.routingKey(), route.consumer(), e.toString());
            }
        }
        return released;
    }

    public boolean holds(String consumer, String routingKey) {
        return held.contains(new Route(consumer, routingKey));
    }

    public int size() {
        return held.size();
    }

    /** The broker came back (or we reconnected to another node): declare what we hold again. */
    @Override
    public void onCreate(Connection connection) {
        if (held.isEmpty()) {
            return;
        }
        int restored = 0;
        for (Route route : Set.copyOf(held)) {
            try {
                admin.declareBinding(binding(route));
                restored++;
            } catch (RuntimeException e) {
                log.warn("cannot restore binding {} -> {}: {}", route.routingKey(), route.consumer(), e.toString());
            }
        }
        log.info("restored {} of {} instance routes after a new broker connection", restored, held.size());
    }

    private Binding binding(Route route) {
        if (consumers == null) {
            consumers = definitions.get().stream()
                    .collect(Collectors.toUnmodifiableMap(ConsumerDefinition::name, Function.identity()));
        }
        ConsumerDefinition definition = consumers.get(route.consumer());
        if (definition == null) {
            throw new IllegalArgumentException(route.consumer() + " is not a per-instance consumer");
        }
        return new Binding(definition.queueNames().getFirst(), Binding.DestinationType.QUEUE,
                definition.source().name(), route.routingKey(), null);
    }
}
