package com.evplatform.simulator;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * Everything a {@link Simulator} needs: where the central system is, which charge points to simulate and how
 * they behave. Immutable; build one with {@link #builder()}.
 */
public final class SimulatorConfig {

    /** OCPP 1.6 limits CiString20Type fields (vendor, model, idTag) to 20 characters. */
    static final int CI_STRING_20 = 20;

    private final String baseUrl;
    private final List<String> chargePointIds;
    private final Function<String, String> passwordFor;
    private final int connectorsPerCharger;
    private final Duration meterInterval;
    private final Duration heartbeatInterval;
    private final double speedup;
    private final double maxPowerKw;
    private final double batteryCapacityKwh;
    private final Long initialMeterWh;
    private final RemoteStartBehaviour remoteStart;
    private final Duration remoteStartDelay;
    private final double autoChargeShare;
    private final String idTag;
    private final boolean stopTransactionOnInvalidId;
    private final Duration callTimeout;
    private final Duration connectTimeout;
    private final boolean autoReconnect;
    private final Duration reconnectMinBackoff;
    private final Duration reconnectMaxBackoff;
    private final double connectRatePerSecond;
    private final String vendor;
    private final String model;
    private final String firmwareVersion;
    private final int maxQueuedMessages;
    private final boolean stopTransactionsOnClose;
    private final Duration closeTimeout;
    private final Long randomSeed;
    private final int schedulerThreads;
    private final int workerThreads;

    private SimulatorConfig(Builder b) {
        this.baseUrl = stripTrailingSlash(b.baseUrl);
        this.chargePointIds = b.chargePointIds != null ? List.copyOf(b.chargePointIds) : idsFromPrefix(b.idPrefix, b.count);
        this.passwordFor = b.passwordFor;
        this.connectorsPerCharger = b.connectorsPerCharger;
        this.meterInterval = b.meterInterval;
        this.heartbeatInterval = b.heartbeatInterval;
        this.speedup = b.speedup;
        this.maxPowerKw = b.maxPowerKw;
        this.batteryCapacityKwh = b.batteryCapacityKwh;
        this.initialMeterWh = b.initialMeterWh;
        this.remoteStart = b.remoteStart;
        this.remoteStartDelay = b.remoteStartDelay;
        this.autoChargeShare = b.autoChargeShare;
        this.idTag = b.idTag;
        this.stopTransactionOnInvalidId = b.stopTransactionOnInvalidId;
        this.callTimeout = b.callTimeout;
        this.connectTimeout = b.connectTimeout;
        this.autoReconnect = b.autoReconnect;
        this.reconnectMinBackoff = b.reconnectMinBackoff;
        this.reconnectMaxBackoff = b.reconnectMaxBackoff;
        this.connectRatePerSecond = b.connectRatePerSecond;
        this.vendor = b.vendor;
        this.model = b.model;
        this.firmwareVersion = b.firmwareVersion;
        this.maxQueuedMessages = b.maxQueuedMessages;
        this.stopTransactionsOnClose = b.stopTransactionsOnClose;
        this.closeTimeout = b.closeTimeout;
        this.randomSeed = b.randomSeed;
        this.schedulerThreads = b.schedulerThreads;
        this.workerThreads = b.workerThreads > 0 ? b.workerThreads
                : Math.max(2, Math.min(8, Runtime.getRuntime().availableProcessors()));
        validate();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Prefix plus the number zero-padded to four digits, counting from 1: {@code SIM-0001}, ..., {@code SIM-10000}. */
    public static String chargePointId(String prefix, int number) {
        return prefix + String.format("%04d", number);
    }

    private static List<String> idsFromPrefix(String prefix, int count) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1");
        }
        List<String> ids = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            ids.add(chargePointId(prefix, i));
        }
        return List.copyOf(ids);
    }

    private static String stripTrailingSlash(String url) {
        Objects.requireNonNull(url, "baseUrl");
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private void validate() {
        URI uri = URI.create(baseUrl);
        if (!"ws".equals(uri.getScheme()) && !"wss".equals(uri.getScheme())) {
            throw new IllegalArgumentException("baseUrl must be ws:// or wss://, was " + baseUrl);
        }
        if (chargePointIds.isEmpty()) {
            throw new IllegalArgumentException("at least one charge point id is needed");
        }
        if (new HashSet<>(chargePointIds).size() != chargePointIds.size()) {
            throw new IllegalArgumentException("charge point ids must be unique");
        }
        for (String id : chargePointIds) {
            if (id == null || id.isBlank()) {
                throw new IllegalArgumentException("charge point ids must not be blank");
            }
        }
        requireRange("connectorsPerCharger", connectorsPerCharger, 1, 100);
        requirePositive("meterInterval", meterInterval);
        if (heartbeatInterval != null) {
            requirePositive("heartbeatInterval", heartbeatInterval);
        }
        if (!(speedup > 0) || Double.isInfinite(speedup)) {
            throw new IllegalArgumentException("speedup must be positive");
        }
        if (!(maxPowerKw > 0) || !(batteryCapacityKwh > 0)) {
            throw new IllegalArgumentException("maxPowerKw and batteryCapacityKwh must be positive");
        }
        if (initialMeterWh != null && initialMeterWh < 0) {
            throw new IllegalArgumentException("initialMeterWh must not be negative");
        }
        Objects.requireNonNull(remoteStart, "remoteStart");
        Objects.requireNonNull(remoteStartDelay, "remoteStartDelay");
        if (!(autoChargeShare >= 0 && autoChargeShare <= 1)) {
            throw new IllegalArgumentException("autoChargeShare must be between 0 and 1");
        }
        requireCiString("idTag", idTag);
        requireCiString("vendor", vendor);
        requireCiString("model", model);
        if (firmwareVersion != null && firmwareVersion.length() > 50) {
            throw new IllegalArgumentException("firmwareVersion is at most 50 characters");
        }
        requirePositive("callTimeout", callTimeout);
        requirePositive("connectTimeout", connectTimeout);
        requirePositive("reconnectMinBackoff", reconnectMinBackoff);
        if (reconnectMaxBackoff.compareTo(reconnectMinBackoff) < 0) {
            throw new IllegalArgumentException("reconnectMaxBackoff must not be below reconnectMinBackoff");
        }
        if (!(connectRatePerSecond > 0)) {
            throw new IllegalArgumentException("connectRatePerSecond must be positive");
        }
        requireRange("maxQueuedMessages", maxQueuedMessages, 1, Integer.MAX_VALUE);
        requirePositive("closeTimeout", closeTimeout);
        requireRange("schedulerThreads", schedulerThreads, 1, 64);
        requireRange("workerThreads", workerThreads, 1, 256);
    }

    private static void requireCiString(String name, String value) {
        if (value == null || value.isEmpty() || value.length() > CI_STRING_20) {
            throw new IllegalArgumentException(name + " must be 1 to 20 characters, was " + value);
        }
    }

    private static void requirePositive(String name, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }

    private static void requireRange(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", was " + value);
        }
    }

    /** WebSocket base URL; a charge point connects to {@code baseUrl/chargePointId}. */
    public String baseUrl() {
        return baseUrl;
    }

    public List<String> chargePointIds() {
        return chargePointIds;
    }

    /** The Basic-auth password of a charge point, or empty to send no Authorization header. */
    public Optional<String> passwordFor(String chargePointId) {
        return passwordFor == null ? Optional.empty() : Optional.ofNullable(passwordFor.apply(chargePointId));
    }

    public int connectorsPerCharger() {
        return connectorsPerCharger;
    }

    public Duration meterInterval() {
        return meterInterval;
    }

    /** A fixed heartbeat interval overriding the BootNotification answer's; empty to use the server's. */
    public Optional<Duration> heartbeatInterval() {
        return Optional.ofNullable(heartbeatInterval);
    }

    public double speedup() {
        return speedup;
    }

    public double maxPowerKw() {
        return maxPowerKw;
    }

    public double batteryCapacityKwh() {
        return batteryCapacityKwh;
    }

    public OptionalLong initialMeterWh() {
        return initialMeterWh == null ? OptionalLong.empty() : OptionalLong.of(initialMeterWh);
    }

    public RemoteStartBehaviour remoteStart() {
        return remoteStart;
    }

    public Duration remoteStartDelay() {
        return remoteStartDelay;
    }

    public double autoChargeShare() {
        return autoChargeShare;
    }

    public String idTag() {
        return idTag;
    }

    /**
     * OCPP's {@code StopTransactionOnInvalidId}: whether a transaction whose StartTransaction answer is not
     * Accepted is stopped (reason DeAuthorized) or keeps charging.
     */
    public boolean stopTransactionOnInvalidId() {
        return stopTransactionOnInvalidId;
    }

    public Duration callTimeout() {
        return callTimeout;
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    public boolean autoReconnect() {
        return autoReconnect;
    }

    public Duration reconnectMinBackoff() {
        return reconnectMinBackoff;
    }

    public Duration reconnectMaxBackoff() {
        return reconnectMaxBackoff;
    }

    public double connectRatePerSecond() {
        return connectRatePerSecond;
    }

    public String vendor() {
        return vendor;
    }

    public String model() {
        return model;
    }

    public String firmwareVersion() {
        return firmwareVersion;
    }

    public int maxQueuedMessages() {
        return maxQueuedMessages;
    }

    public boolean stopTransactionsOnClose() {
        return stopTransactionsOnClose;
    }

    public Duration closeTimeout() {
        return closeTimeout;
    }

    public OptionalLong randomSeed() {
        return randomSeed == null ? OptionalLong.empty() : OptionalLong.of(randomSeed);
    }

    public int schedulerThreads() {
        return schedulerThreads;
    }

    public int workerThreads() {
        return workerThreads;
    }

    /** Builds a {@link SimulatorConfig}; every option has a default, so {@code builder().build()} works. */
    public static final class Builder {

        private String baseUrl = "ws://localhost:8080/ocpp";
        private List<String> chargePointIds;
        private int count = 1;
        private String idPrefix = "SIM-";
        private Function<String, String> passwordFor;
        private int connectorsPerCharger = 2;
        private Duration meterInterval = Duration.ofSeconds(15);
        private Duration heartbeatInterval;
        private double speedup = 1.0;
        private double maxPowerKw = 22.0;
        private double batteryCapacityKwh = 60.0;
        private Long initialMeterWh;
        private RemoteStartBehaviour remoteStart = RemoteStartBehaviour.ACCEPT;
        private Duration remoteStartDelay = Duration.ofSeconds(10);
        private double autoChargeShare;
        private String idTag = "SIMLOCAL";
        private boolean stopTransactionOnInvalidId = true;
        private Duration callTimeout = Duration.ofSeconds(30);
        private Duration connectTimeout = Duration.ofSeconds(10);
        private boolean autoReconnect = true;
        private Duration reconnectMinBackoff = Duration.ofSeconds(1);
        private Duration reconnectMaxBackoff = Duration.ofSeconds(30);
        private double connectRatePerSecond = 200;
        private String vendor = "EVPlatform";
        private String model = "SimCharger";
        private String firmwareVersion = "1.0.0";
        private int maxQueuedMessages = 1000;
        private boolean stopTransactionsOnClose;
        private Duration closeTimeout = Duration.ofSeconds(10);
        private Long randomSeed;
        private int schedulerThreads = 2;
        private int workerThreads;

        private Builder() {
        }

        /** Default {@code ws://localhost:8080/ocpp}. */
        public Builder baseUrl(String baseUrl) {
            this.baseUrl = baseUrl;
            return this;
        }

        /** Simulates exactly these charge points; takes precedence over {@link #count} and {@link #idPrefix}. */
        public Builder chargePointIds(List<String> chargePointIds) {
            this.chargePointIds = List.copyOf(chargePointIds);
            return this;
        }

        /** How many charge points to number from the prefix; default 1. */
        public Builder count(int count) {
            this.count = count;
            return this;
        }

        /** Default {@code SIM-}: ids {@code SIM-0001}, {@code SIM-0002}, ... */
        public Builder idPrefix(String idPrefix) {
            this.idPrefix = Objects.requireNonNull(idPrefix);
            return this;
        }

        /** One Basic-auth password for all charge points; null sends no Authorization header. */
        public Builder password(String password) {
            this.passwordFor = password == null ? null : id -> password;
            return this;
        }

        /** A Basic-auth password per charge point id. */
        public Builder passwordFor(Function<String, String> passwordFor) {
            this.passwordFor = passwordFor;
            return this;
        }

        /** Default 2. */
        public Builder connectorsPerCharger(int connectorsPerCharger) {
            this.connectorsPerCharger = connectorsPerCharger;
            return this;
        }

        /** MeterValues period during a transaction (OCPP MeterValueSampleInterval); default 15 s. */
        public Builder meterInterval(Duration meterInterval) {
            this.meterInterval = meterInterval;
            return this;
        }

        /** Overrides the heartbeat interval the server gives in its BootNotification answer; unset by default. */
        public Builder heartbeatInterval(Duration heartbeatInterval) {
            this.heartbeatInterval = heartbeatInterval;
            return this;
        }

        /** Simulated time per real time for energy: 60 turns 30 s of charging into 30 min; default 1. */
        public Builder speedup(double speedup) {
            this.speedup = speedup;
            return this;
        }

        /** Power a vehicle draws below 80 % state of charge; default 22 kW (AC), e.g. 60 for DC. */
        public Builder maxPowerKw(double maxPowerKw) {
            this.maxPowerKw = maxPowerKw;
            return this;
        }

        /** Default 60 kWh. */
        public Builder batteryCapacityKwh(double batteryCapacityKwh) {
            this.batteryCapacityKwh = batteryCapacityKwh;
            return this;
        }

        /** Every connector's energy register at start; random below 100 kWh when unset. */
        public Builder initialMeterWh(long initialMeterWh) {
            this.initialMeterWh = initialMeterWh;
            return this;
        }

        /** Default {@link RemoteStartBehaviour#ACCEPT}; can be changed per charge point at run time. */
        public Builder remoteStart(RemoteStartBehaviour remoteStart) {
            this.remoteStart = remoteStart;
            return this;
        }

        /** Delay before StartTransaction for {@link RemoteStartBehaviour#ACCEPT_START_LATE}; default 10 s. */
        public Builder remoteStartDelay(Duration remoteStartDelay) {
            this.remoteStartDelay = remoteStartDelay;
            return this;
        }

        /**
         * Fraction (0 to 1) of charge points that start a local transaction on connector 1 with {@link #idTag}
         * after each boot and keep charging, for load without platform sessions; default 0.
         */
        public Builder autoChargeShare(double autoChargeShare) {
            this.autoChargeShare = autoChargeShare;
            return this;
        }

        /** The idTag of auto-charge transactions; default {@code SIMLOCAL}. */
        public Builder idTag(String idTag) {
            this.idTag = idTag;
            return this;
        }

        /**
         * The charge points' OCPP configuration key {@code StopTransactionOnInvalidId}; default true, as in OCPP.
         * True: a transaction whose StartTransaction answer is not Accepted (e.g. Invalid) is stopped at once with
         * reason DeAuthorized. False: it keeps charging and sending MeterValues until it is stopped otherwise, e.g.
         * auto-charge transactions of a load test whose idTag the central system does not know. (OCPP lets such
         * a charger stop only the energy delivery; the simulator keeps delivering, which is the load a load test
         * wants.) Readable with GetConfiguration and changeable per charge point with ChangeConfiguration.
         */
        public Builder stopTransactionOnInvalidId(boolean stopTransactionOnInvalidId) {
            this.stopTransactionOnInvalidId = stopTransactionOnInvalidId;
            return this;
        }

        /** How long a CALL may wait for its answer before the next one goes out; default 30 s. */
        public Builder callTimeout(Duration callTimeout) {
            this.callTimeout = callTimeout;
            return this;
        }

        /** WebSocket opening handshake timeout; default 10 s. */
        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
            return this;
        }

        /** Reconnect after an unexpected drop or failed connect; default true. */
        public Builder autoReconnect(boolean autoReconnect) {
            this.autoReconnect = autoReconnect;
            return this;
        }

        /** Reconnect backoff doubles from {@code min} up to {@code max}; default 1 s to 30 s. */
        public Builder reconnectBackoff(Duration min, Duration max) {
            this.reconnectMinBackoff = min;
            this.reconnectMaxBackoff = max;
            return this;
        }

        /** New connections per second while ramping up; default 200. */
        public Builder connectRatePerSecond(double connectRatePerSecond) {
            this.connectRatePerSecond = connectRatePerSecond;
            return this;
        }

        /** BootNotification chargePointVendor (max 20 characters); default {@code EVPlatform}. */
        public Builder vendor(String vendor) {
            this.vendor = vendor;
            return this;
        }

        /** BootNotification chargePointModel (max 20 characters); default {@code SimCharger}. */
        public Builder model(String model) {
            this.model = model;
            return this;
        }

        /** BootNotification firmwareVersion; default {@code 1.0.0}. */
        public Builder firmwareVersion(String firmwareVersion) {
            this.firmwareVersion = firmwareVersion;
            return this;
        }

        /** Per charge point cap of queued transaction messages while offline; MeterValues beyond it are dropped. */
        public Builder maxQueuedMessages(int maxQueuedMessages) {
            this.maxQueuedMessages = maxQueuedMessages;
            return this;
        }

        /** Stop running transactions (reason Local) and send the StopTransactions before closing; default false. */
        public Builder stopTransactionsOnClose(boolean stopTransactionsOnClose) {
            this.stopTransactionsOnClose = stopTransactionsOnClose;
            return this;
        }

        /** How long {@link Simulator#close()} waits for queued messages and closing handshakes; default 10 s. */
        public Builder closeTimeout(Duration closeTimeout) {
            this.closeTimeout = closeTimeout;
            return this;
        }

        /** Seed for initial meter, state of charge and reconnect jitter, for repeatable runs. */
        public Builder randomSeed(long randomSeed) {
            this.randomSeed = randomSeed;
            return this;
        }

        /** Threads of the shared timer pool; default 2. */
        public Builder schedulerThreads(int schedulerThreads) {
            this.schedulerThreads = schedulerThreads;
            return this;
        }

        /** Threads that run all charge points' work and WebSocket callbacks; default the CPU count, 2 to 8. */
        public Builder workerThreads(int workerThreads) {
            this.workerThreads = workerThreads;
            return this;
        }

        public SimulatorConfig build() {
            return new SimulatorConfig(this);
        }
    }
}
