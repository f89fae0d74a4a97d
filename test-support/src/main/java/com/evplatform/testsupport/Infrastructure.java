package com.evplatform.testsupport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.RabbitMQContainer;
import org.testcontainers.mysql.MySQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The real MySQL/MariaDB, RabbitMQ and Redis that integration tests run against.
 *
 * <p>Where a Docker engine answers, containers are started once per JVM. Otherwise the
 * machine's own services are used (their addresses overridable by the same environment
 * variables the services read). When neither is reachable the test fails with a line
 * naming what is missing: a test that needs a real dependency never skips silently.
 *
 * <p>{@code PLATFORM_TEST_INFRA=local} or {@code =containers} forces one mode.
 */
public final class Infrastructure {

    private static volatile Infrastructure instance;

    private final Mode mode;
    private final java.util.Set<String> freshScratchSchemas = new java.util.HashSet<>();
    private final String dbKind;
    private final Endpoint mysql;
    private final Endpoint rabbit;
    private final Endpoint redis;
    private final String rootUser;
    private final String rootPassword;
    private final RabbitMQContainer rabbitContainer;
    private final GenericContainer<?> redisContainer;

    public enum Mode { LOCAL, CONTAINERS }

    public record Endpoint(String host, int port) {
        @Override
        public String toString() {
            return host + ":" + port;
        }
    }

    private Infrastructure(Mode mode, Endpoint mysql, Endpoint rabbit, Endpoint redis, String rootUser,
            String rootPassword, RabbitMQContainer rabbitContainer, GenericContainer<?> redisContainer) {
        this.mode = mode;
        this.dbKind = mode == Mode.CONTAINERS ? "mysql" : env("DB_KIND", "mariadb");
        this.mysql = mysql;
        this.rabbit = rabbit;
        this.redis = redis;
        this.rootUser = rootUser;
        this.rootPassword = rootPassword;
        this.rabbitContainer = rabbitContainer;
        this.redisContainer = redisContainer;
    }

    public static Infrastructure get() {
        Infrastructure current = instance;
        if (current == null) {
            synchronized (Infrastructure.class) {
                current = instance;
                if (current == null) {
                    current = start();
                    current.provisionSchemas();
                    instance = current;
                }
            }
        }
        return current;
    }

    public Mode mode() {
        return mode;
    }

    public Endpoint mysql() {
        return mysql;
    }

    public Endpoint rabbit() {
        return rabbit;
    }

    public Endpoint redis() {
        return redis;
    }

    /**
     * JDBC URL of one service's schema: the MySQL driver against the MySQL container, the
     * MariaDB driver against a local MariaDB (each driver tells Hibernate its own dialect).
     */
    public String jdbcUrl(String schema) {
        return "jdbc:" + dbKind + "://" + mysql + "/" + schema;
    }

    /** The password {@code infra/db/provision.sh} gave the schema's own user. */
    public String schemaPassword(String schema) {
        String fromEnv = System.getenv(schema.toUpperCase(Locale.ROOT) + "_DB_PASSWORD");
        return fromEnv != null ? fromEnv : schema + "-local-dev";
    }

    public Connection rootConnection() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(""), rootUser, rootPassword);
    }

    /** Spring properties that point a service at this infrastructure with its own schema and DB user. */
    public Map<String, Object> springProperties(String schema) {
        return Map.of(
                "spring.datasource.url", jdbcUrl(schema),
                "spring.datasource.username", schema,
                "spring.datasource.password", schemaPassword(schema),
                "spring.rabbitmq.host", rabbit.host(),
                "spring.rabbitmq.port", rabbit.port(),
                "spring.data.redis.host", redis.host(),
                "spring.data.redis.port", redis.port());
    }

    /**
     * Spring properties for a throwaway schema of a library's own tests, created afresh the
     * first time a JVM asks for it and reached as the root user: libraries have no service
     * user of their own.
     */
    public synchronized Map<String, Object> scratchSchemaProperties(String schema) {
        if (!schema.matches("[a-z_]+")) {
            throw new IllegalArgumentException("scratch schema names are lower case letters and _");
        }
        try (Connection connection = rootConnection(); Statement statement = connection.createStatement()) {
            if (freshScratchSchemas.add(schema)) {
                statement.execute("DROP DATABASE IF EXISTS `" + schema + "`");
            }
            statement.execute("CREATE DATABASE IF NOT EXISTS `" + schema + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create schema " + schema, e);
        }
        return Map.of(
                "spring.datasource.url", jdbcUrl(schema),
                "spring.datasource.username", rootUser,
                "spring.datasource.password", rootPassword,
                "spring.rabbitmq.host", rabbit.host(),
                "spring.rabbitmq.port", rabbit.port(),
                "spring.data.redis.host", redis.host(),
                "spring.data.redis.port", redis.port());
    }

    /**
     * Stops RabbitMQ's application (the node stays up, the port closes) or starts it again.
     * Fault tests use it to take the broker away from under a running service.
     */
    public void rabbitctl(String... args) {
        String[] command = concat("rabbitmqctl", args);
        if (mode == Mode.CONTAINERS) {
            try {
                var result = rabbitContainer.execInContainer(command);
                if (result.getExitCode() != 0) {
                    throw new IllegalStateException(String.join(" ", command) + " failed: " + result.getStderr());
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        } else {
            runLocal(command);
        }
    }

    /** Runs a command against the Redis server, e.g. {@code DEBUG SLEEP 5} or {@code CLIENT KILL TYPE normal}. */
    public void redisCli(String... args) {
        String[] command = concat("redis-cli", args);
        if (mode == Mode.CONTAINERS) {
            try {
                redisContainer.execInContainer(command);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        } else {
            String[] withAddress = concat("redis-cli", concat("-h", concat(redis.host(), concat("-p",
                    concat(String.valueOf(redis.port()), args)))));
            runLocal(withAddress);
        }
    }

    /**
     * Takes Redis away: locally the server is shut down (as an outage would), in a container
     * it is paused (connections hang, as with a frozen server). {@link #startRedis} undoes it.
     */
    public void stopRedis() {
        if (mode == Mode.CONTAINERS) {
            var docker = DockerClientFactory.instance().client();
            docker.pauseContainerCmd(redisContainer.getContainerId()).exec();
        } else {
            runLocal("redis-cli", "-h", redis.host(), "-p", String.valueOf(redis.port()), "shutdown", "nosave");
        }
    }

    public void startRedis() {
        if (mode == Mode.CONTAINERS) {
            var docker = DockerClientFactory.instance().client();
            docker.unpauseContainerCmd(redisContainer.getContainerId()).exec();
            return;
        }
        // The machine's own start command (as bin/platform uses).
        runLocal("redis-server", "--daemonize", "yes", "--bind", "127.0.0.1", "-::1", "--port",
                String.valueOf(redis.port()), "--save", "", "--appendonly", "no", "--dir", "/var/lib/redis",
                "--logfile", "/var/log/redis/ci.log");
        for (int i = 0; i < 50; i++) {
            try (var socket = new Socket()) {
                socket.connect(new InetSocketAddress(redis.host(), redis.port()), 200);
                return;
            } catch (IOException e) {
                sleepQuietly(100);
            }
        }
        throw new IllegalStateException("Redis did not come back on " + redis);
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Infrastructure start() {
        String forced = System.getenv().getOrDefault("PLATFORM_TEST_INFRA", "").toLowerCase(Locale.ROOT);
        boolean useContainers = switch (forced) {
            case "local" -> false;
            case "containers" -> true;
            default -> dockerAvailable();
        };
        return useContainers ? startContainers() : useLocal();
    }

    private static boolean dockerAvailable() {
        // Asking Testcontainers costs seconds per JVM when no engine exists; without a
        // DOCKER_HOST or a local socket there is nothing it could find.
        if (System.getenv("DOCKER_HOST") == null && !Files.exists(Path.of("/var/run/docker.sock"))
                && !Files.exists(Path.of(System.getProperty("user.home"), ".docker/run/docker.sock"))
                && !Files.exists(Path.of(System.getProperty("user.home"), ".testcontainers.properties"))) {
            return false;
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            return false;
        }
    }

    @SuppressWarnings("resource") // containers live as long as the JVM; Testcontainers' reaper removes them
    private static Infrastructure startContainers() {
        var mysql = new MySQLContainer(DockerImageName.parse("mysql:8.4")).withUsername("platform")
                .withPassword("platform");
        var rabbit = new RabbitMQContainer(DockerImageName.parse("rabbitmq:4-management"));
        GenericContainer<?> redis = new GenericContainer<>(DockerImageName.parse("redis:7")).withExposedPorts(6379);
        mysql.start();
        rabbit.start();
        redis.start();
        return new Infrastructure(Mode.CONTAINERS,
                new Endpoint(mysql.getHost(), mysql.getMappedPort(3306)),
                new Endpoint(rabbit.getHost(), rabbit.getAmqpPort()),
                new Endpoint(redis.getHost(), redis.getMappedPort(6379)),
                "root", mysql.getPassword(), rabbit, redis);
    }

    private static Infrastructure useLocal() {
        var mysql = new Endpoint(env("DB_HOST", "127.0.0.1"), Integer.parseInt(env("DB_PORT", "3306")));
        var rabbit = new Endpoint(env("RABBITMQ_HOST", "127.0.0.1"), Integer.parseInt(env("RABBITMQ_PORT", "5672")));
        var redis = new Endpoint(env("REDIS_HOST", "127.0.0.1"), Integer.parseInt(env("REDIS_PORT", "6379")));
        requireReachable("MySQL/MariaDB", mysql);
        requireReachable("RabbitMQ", rabbit);
        requireReachable("Redis", redis);
        return new Infrastructure(Mode.LOCAL, mysql, rabbit, redis, env("DB_ROOT_USER", "root"),
                env("DB_ROOT_PASSWORD", ""), null, null);
    }

    private static void requireReachable(String name, Endpoint endpoint) {
        try (var socket = new Socket()) {
            socket.connect(new InetSocketAddress(endpoint.host(), endpoint.port()), 2_000);
        } catch (IOException e) {
            throw new IllegalStateException(name + " is not reachable at " + endpoint
                    + " and no Docker engine is available for Testcontainers; start it (bin/platform test does)", e);
        }
    }

    /** Creates every service schema and DB user with the same script bin/platform and docker compose use. */
    private void provisionSchemas() {
        List<String> statements = Arrays.stream(runLocal("bash", provisionScript().toString()).split(";\\s*\n"))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .toList();
        try (Connection connection = rootConnection(); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not provision the service schemas on " + mysql, e);
        }
    }

    private static Path provisionScript() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path candidate = dir.resolve("infra/db/provision.sh");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("infra/db/provision.sh not found above " + Path.of("").toAbsolutePath());
    }

    private static String runLocal(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: "
                        + new String(output, StandardCharsets.UTF_8));
            }
            return new String(output, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("Could not run " + command[0], e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private static String[] concat(String first, String... rest) {
        String[] all = new String[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }
}
