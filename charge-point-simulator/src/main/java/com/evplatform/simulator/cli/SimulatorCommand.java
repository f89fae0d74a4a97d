package com.evplatform.simulator.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.evplatform.simulator.RemoteStartBehaviour;
import com.evplatform.simulator.Simulator;
import com.evplatform.simulator.SimulatorConfig;
import com.evplatform.simulator.SimulatorStats;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The simulator's command line: connects the requested charge points, prints statistics periodically, and on
 * {@code --duration} or Ctrl-C stops their transactions and closes the connections cleanly.
 */
@Command(name = "charge-point-simulator", mixinStandardHelpOptions = true, sortOptions = false,
        versionProvider = SimulatorCommand.Version.class,
        description = "Simulates OCPP 1.6J charge points over WebSockets against a central system.")
public final class SimulatorCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--url", defaultValue = "ws://localhost:8080/ocpp",
            description = "WebSocket base URL; a charge point connects to URL/<id>. Default: ${DEFAULT-VALUE}")
    private String url;

    @Option(names = "--count", defaultValue = "1", description = "Number of charge points. Default: ${DEFAULT-VALUE}")
    private int count;

    @Option(names = "--id-prefix", defaultValue = "SIM-",
            description = "Id prefix; ids are prefix + 4-digit number from 1. Default: ${DEFAULT-VALUE}")
    private String idPrefix;

    @Option(names = "--id", split = ",", paramLabel = "ID",
            description = "Explicit charge point ids (repeat or comma-separate); replaces --count/--id-prefix.")
    private List<String> ids;

    @Option(names = "--password", description = "HTTP Basic password of every charge point; none if omitted.")
    private String password;

    @Option(names = "--connectors", defaultValue = "2", description = "Connectors per charge point. Default: ${DEFAULT-VALUE}")
    private int connectors;

    @Option(names = "--meter-interval", defaultValue = "15s", converter = DurationConverter.class,
            description = "MeterValues period while charging. Default: ${DEFAULT-VALUE}")
    private Duration meterInterval;

    @Option(names = "--heartbeat", converter = DurationConverter.class,
            description = "Heartbeat interval overriding the server's BootNotification interval.")
    private Duration heartbeat;

    @Option(names = "--speedup", defaultValue = "1",
            description = "Simulated time per real time for energy (60: 30 s real = 30 min charging). Default: ${DEFAULT-VALUE}")
    private double speedup;

    @Option(names = "--max-power-kw", defaultValue = "22",
            description = "Charging power below 80 %% SoC, e.g. 22 (AC) or 60 (DC). Default: ${DEFAULT-VALUE}")
    private double maxPowerKw;

    @Option(names = "--battery-kwh", defaultValue = "60", description = "Vehicle battery capacity. Default: ${DEFAULT-VALUE}")
    private double batteryKwh;

    @Option(names = "--remote-start", defaultValue = "accept", converter = RemoteStartConverter.class,
            paramLabel = "accept|reject|never-start|late",
            description = "Answer to RemoteStartTransaction. Default: ${DEFAULT-VALUE}")
    private RemoteStartBehaviour remoteStart;

    @Option(names = "--remote-start-delay", defaultValue = "10s", converter = DurationConverter.class,
            description = "Delay before StartTransaction with --remote-start late. Default: ${DEFAULT-VALUE}")
    private Duration remoteStartDelay;

    @Option(names = "--auto-charge-share", defaultValue = "0",
            description = "Fraction (0-1) of charge points that start a local transaction after boot and keep charging. Default: ${DEFAULT-VALUE}")
    private double autoChargeShare;

    @Option(names = "--id-tag", defaultValue = "SIMLOCAL", description = "idTag of auto-charge transactions. Default: ${DEFAULT-VALUE}")
    private String idTag;

    @Option(names = "--keep-charging-on-invalid-id",
            description = "Configuration key StopTransactionOnInvalidId false: a transaction whose idTag the central "
                    + "system answers Invalid (e.g. --auto-charge-share tags) keeps charging and sending MeterValues.")
    private boolean keepChargingOnInvalidId;

    @Option(names = "--connect-rate", defaultValue = "200", description = "New connections per second. Default: ${DEFAULT-VALUE}")
    private double connectRate;

    @Option(names = "--call-timeout", defaultValue = "30s", converter = DurationConverter.class,
            description = "Wait for a CALL's answer before sending the next. Default: ${DEFAULT-VALUE}")
    private Duration callTimeout;

    @Option(names = "--connect-timeout", defaultValue = "10s", converter = DurationConverter.class,
            description = "Give up a connect (TCP and WebSocket handshake) after this long. Default: ${DEFAULT-VALUE}")
    private Duration connectTimeout;

    @Option(names = "--reconnect-backoff", defaultValue = "1s", converter = DurationConverter.class,
            description = "First wait before reconnecting; doubles per failed attempt. Default: ${DEFAULT-VALUE}")
    private Duration reconnectBackoff;

    @Option(names = "--reconnect-max-backoff", defaultValue = "30s", converter = DurationConverter.class,
            description = "Longest wait before reconnecting (a refusal's Retry-After is obeyed even when longer). "
                    + "Default: ${DEFAULT-VALUE}")
    private Duration reconnectMaxBackoff;

    @Option(names = "--no-reconnect", description = "Do not reconnect after a dropped connection.")
    private boolean noReconnect;

    @Option(names = "--leave-transactions", description = "On exit, close without stopping running transactions.")
    private boolean leaveTransactions;

    @Option(names = "--vendor", defaultValue = "EVPlatform", description = "BootNotification vendor. Default: ${DEFAULT-VALUE}")
    private String vendor;

    @Option(names = "--model", defaultValue = "SimCharger", description = "BootNotification model. Default: ${DEFAULT-VALUE}")
    private String model;

    @Option(names = "--seed", description = "Random seed for repeatable meter start values and states of charge.")
    private Long seed;

    @Option(names = "--duration", converter = DurationConverter.class,
            description = "Run this long, e.g. 10m; until Ctrl-C if omitted.")
    private Duration duration;

    @Option(names = "--stats-interval", defaultValue = "10s", converter = DurationConverter.class,
            description = "How often to print statistics. Default: ${DEFAULT-VALUE}")
    private Duration statsInterval;

    private Simulator simulator;
    private ScheduledExecutorService statsTimer;
    private boolean stopped;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured picocli command line, for {@link #main} and tests. */
    public static CommandLine commandLine() {
        return new CommandLine(new SimulatorCommand());
    }

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        SimulatorConfig config;
        try {
            config = toConfig();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        out.printf(Locale.ROOT, "Simulating %d charge point(s) against %s, %d connector(s) each%n",
                config.chargePointIds().size(), config.baseUrl(), config.connectorsPerCharger());
        out.flush();
        simulator = Simulator.start(config);
        StatsPrinter printer = new StatsPrinter(out);
        statsTimer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "simulator-stats");
            thread.setDaemon(true);
            return thread;
        });
        statsTimer.scheduleAtFixedRate(() -> printer.print(simulator.stats()), statsInterval.toMillis(),
                statsInterval.toMillis(), TimeUnit.MILLISECONDS);
        Thread shutdownHook = new Thread(() -> stop(out, printer), "simulator-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        try {
            CountDownLatch never = new CountDownLatch(1);
            if (duration != null) {
                never.await(duration.toMillis(), TimeUnit.MILLISECONDS);
            } else {
                never.await();
            }
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running and stops the simulator
            }
            stop(out, printer);
        }
        return 0;
    }

    private synchronized void stop(PrintWriter out, StatsPrinter printer) {
        if (stopped) {
            return;
        }
        stopped = true;
        statsTimer.shutdownNow();
        out.println("Stopping: closing connections...");
        out.flush();
        SimulatorStats beforeClose = simulator.stats();
        simulator.close();
        printer.print(simulator.stats());
        out.printf(Locale.ROOT, "Done: %d of %d charge points were booted at the end%n", beforeClose.booted(),
                beforeClose.chargePoints());
        out.flush();
    }

    SimulatorConfig toConfig() {
        SimulatorConfig.Builder builder = SimulatorConfig.builder()
                .baseUrl(url)
                .count(count)
                .idPrefix(idPrefix)
                .password(password)
                .connectorsPerCharger(connectors)
                .meterInterval(meterInterval)
                .speedup(speedup)
                .maxPowerKw(maxPowerKw)
                .batteryCapacityKwh(batteryKwh)
                .remoteStart(remoteStart)
                .remoteStartDelay(remoteStartDelay)
                .autoChargeShare(autoChargeShare)
                .idTag(idTag)
                .stopTransactionOnInvalidId(!keepChargingOnInvalidId)
                .connectRatePerSecond(connectRate)
                .callTimeout(callTimeout)
                .connectTimeout(connectTimeout)
                .reconnectBackoff(reconnectBackoff, reconnectMaxBackoff)
                .autoReconnect(!noReconnect)
                .stopTransactionsOnClose(!leaveTransactions)
                .vendor(vendor)
                .model(model);
        if (ids != null && !ids.isEmpty()) {
            builder.chargePointIds(ids);
        }
        if (heartbeat != null) {
            builder.heartbeatInterval(heartbeat);
        }
        if (seed != null) {
            builder.randomSeed(seed);
        }
        return builder.build();
    }

    /** Reads the jar manifest's version. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = SimulatorCommand.class.getPackage().getImplementationVersion();
            return new String[] {"charge-point-simulator " + (version == null ? "(development build)" : version)};
        }
    }
}
