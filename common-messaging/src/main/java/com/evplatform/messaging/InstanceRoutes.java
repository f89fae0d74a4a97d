package com.evplatform.messaging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.rabbit.connection.Connection;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.connection.ConnectionListener;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/**
 * The routing keys this instance holds on its {@linkplain ConsumerDefinition#perInstance()
 * per-instance} queues: device-service binds {@code cp.<id>} while it holds that charger's
 * WebSocket and unbinds when the socket closes, so commands follow the charger and a command
 * for a charger nobody holds is returned to its sender at once. After a lost broker
 * connection the bindings held are declared again.
 *
 * <p>One thread applies the changes, in the order they were asked for, on one channel: what
 * has queued up while the broker answered the previous group goes out as one group of
 * {@code queue.bind} frames without waiting for each answer, then one synchronous call
 * confirms the group (the broker handles a channel's frames in order). A fleet reconnecting
 * at once thus costs a few round trips instead of one per charger. {@link #bind} still
 * returns only once its binding is in place, so a charger is routable when it is told it is
 * connected; {@link #release} does not wait.
 */
public class InstanceRoutes implements ConnectionListener, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(InstanceRoutes.class);
    private static final int MAX_GROUP = 1_000;
    private static final Duration WAIT = Duration.ofSeconds(5);

    private final AmqpAdmin admin;
    private final RabbitTemplate channels;
    private final Supplier<List<ConsumerDefinition>> definitions;
    private volatile Map<String, ConsumerDefinition> consumers;
    private final Set<Route> held = ConcurrentHashMap.newKeySet();
    private final BlockingQueue<Change> changes = new LinkedBlockingQueue<>();
    private final Thread applier;
    private volatile boolean open = true;

    private record Route(String consumer, String routingKey) {
    }

    private enum Kind {
        BIND, UNBIND,
        /** A bind again after a new broker connection, only if the route is still held by then. */
        RESTORE
    }

    private record Change(Route route, Kind kind, CompletableFuture<Void> done) {
    }

    /** @param definitions the per-instance consumers, looked up at first use (they may depend on this) */
    public InstanceRoutes(AmqpAdmin admin, ConnectionFactory connectionFactory,
            Supplier<List<ConsumerDefinition>> definitions) {
        this.admin = admin;
        this.channels = new RabbitTemplate(connectionFactory);
        this.definitions = definitions;
        connectionFactory.addConnectionListener(this);
        this.applier = Thread.ofPlatform().name("instance-routes").daemon().start(this::applyChanges);
    }

    /**
     * Routes messages with this key to this instance's queue of the consumer, and returns once
     * the broker has the binding. Held even when the broker cannot be reached right now: the
     * binding is declared when it comes back.
     *
     * @throws AmqpException when the broker did not take the binding (it is declared again
     *         after the next new broker connection)
     */
    public void bind(String consumer, String routingKey) {
        Route route = new Route(consumer, routingKey);
        binding(route);
        held.add(route);
        await(submit(route, Kind.BIND), route);
    }

    /** Stops routing the key here and returns once the broker has removed the binding. */
    public void unbind(String consumer, String routingKey) {
        Route route = new Route(consumer, routingKey);
        held.remove(route);
        await(submit(route, Kind.UNBIND), route);
    }

    /**
     * Stops routing the key here without waiting for the broker: a later {@link #bind} of the
     * same key is applied after this removal.
     */
    public void release(String consumer, String routingKey) {
        Route route = new Route(consumer, routingKey);
        held.remove(route);
        submit(route, Kind.UNBIND);
    }

    /**
     * Lets go of every route this instance holds (at shutdown): messages for those keys are
     * returned to their producers, or reach the instances that hold them now.
     *
     * @return how many routes were removed from the broker
     */
    public int releaseAll() {
        List<CompletableFuture<Void>> removals = new ArrayList<>();
        for (Route route : Set.copyOf(held)) {
            held.remove(route);
            removals.add(submit(route, Kind.UNBIND));
        }
        int released = 0;
        for (CompletableFuture<Void> removal : removals) {
            try {
                removal.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
                released++;
            } catch (ExecutionException | TimeoutException e) {
                // The broker is away: the queue expires with its bindings once this instance is gone.
                log.warn("cannot remove an instance route: {}", e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
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

    /** Changes asked for and not applied yet. */
    public int pending() {
        return changes.size();
    }

    /** The broker came back (or we reconnected to another node): declare what we hold again. */
    @Override
    public void onCreate(Connection connection) {
        if (held.isEmpty()) {
            return;
        }
        Set<Route> routes = Set.copyOf(held);
        routes.forEach(route -> submit(route, Kind.RESTORE));
        log.info("declaring {} instance routes again after a new broker connection", routes.size());
    }

    @Override
    public void close() {
        open = false;
        applier.interrupt();
    }

    private CompletableFuture<Void> submit(Route route, Kind kind) {
        Change change = new Change(route, kind, new CompletableFuture<>());
        changes.add(change);
        return change.done();
    }

    private static void await(CompletableFuture<Void> done, Route route) {
        try {
            done.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException failure ? failure
                    : new AmqpException("cannot change the route " + route, e.getCause());
        } catch (TimeoutException e) {
            throw new AmqpException("the broker did not confirm the route " + route + " within " + WAIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AmqpException("interrupted while changing the route " + route);
        }
    }

    private void applyChanges() {
        List<Change> group = new ArrayList<>();
        while (open) {
            try {
                group.add(changes.take());
            } catch (InterruptedException e) {
                return;
            }
            changes.drainTo(group, MAX_GROUP - 1);
            group.removeIf(change -> change.kind() == Kind.RESTORE && !held.contains(change.route()));
            if (!group.isEmpty()) {
                apply(group);
            }
            group.clear();
        }
    }

    private void apply(List<Change> group) {
        try {
            channels.execute(channel -> {
                for (Change change : group) {
                    Binding binding = binding(change.route());
                    if (change.kind() == Kind.UNBIND) {
                        // No "nowait" form exists for queue.unbind; it waits, and so confirms what came before.
                        channel.queueUnbind(binding.getDestination(), binding.getExchange(), binding.getRoutingKey(),
                                binding.getArguments());
                    } else {
                        channel.queueBindNoWait(binding.getDestination(), binding.getExchange(),
                                binding.getRoutingKey(), binding.getArguments());
                    }
                }
                // Answered only after every frame sent before it on this channel was handled.
                channel.queueDeclarePassive(binding(group.getLast().route()).getDestination());
                return null;
            });
            group.forEach(change -> change.done().complete(null));
        } catch (RuntimeException e) {
            if (group.size() == 1) {
                fail(group.getFirst(), e);
                return;
            }
            // Something in the group was refused (or the broker went away): find out which, one by one.
            group.forEach(this::applyAlone);
        }
    }

    private void applyAlone(Change change) {
        try {
            Binding binding = binding(change.route());
            if (change.kind() == Kind.UNBIND) {
                admin.removeBinding(binding);
            } else {
                admin.declareBinding(binding);
            }
            change.done().complete(null);
        } catch (RuntimeException e) {
            fail(change, e);
        }
    }

    private static void fail(Change change, RuntimeException e) {
        if (change.kind() == Kind.RESTORE) {
            log.warn("cannot restore binding {} -> {}: {}", change.route().routingKey(), change.route().consumer(),
                    e.toString());
        }
        change.done().completeExceptionally(e);
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
