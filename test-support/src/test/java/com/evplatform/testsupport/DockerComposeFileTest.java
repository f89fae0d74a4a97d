package com.evplatform.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * No Docker engine runs where CI does, so docker-compose.yml is kept honest by parsing it:
 * it must list the infrastructure and every service module, wire health checks, and take
 * its secrets from .env rather than holding them.
 */
class DockerComposeFileTest {

    private static final List<String> SERVICE_MODULES = List.of("gateway-service", "auth-service",
            "device-service", "charging-service", "order-service", "reconciliation-service");
    private static final List<String> CLUSTER_NODES = List.of("rabbitmq-1", "rabbitmq-2", "rabbitmq-3");
    private static final Pattern REQUIRED_VARIABLE = Pattern.compile("\\$\\{([A-Z0-9_]+):\\?");

    private static Path root;
    private static String composeText;
    private static Map<String, Map<String, Object>> services;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void parse() throws IOException {
        root = repositoryRoot();
        composeText = Files.readString(root.resolve("docker-compose.yml"));
        Map<String, Object> compose = new Yaml().load(composeText);
        services = (Map<String, Map<String, Object>>) compose.get("services");
    }

    @Test
    void lists_mysql_rabbitmq_redis_and_the_six_services() {
        // What a plain `docker compose up` starts: every service outside a profile.
        List<String> byDefault = services.entrySet().stream()
                .filter(entry -> !entry.getValue().containsKey("profiles")).map(Map.Entry::getKey).toList();
        assertThat(byDefault).containsExactlyInAnyOrder(concat(List.of("mysql", "rabbitmq", "redis"), SERVICE_MODULES));
        assertThat(services).containsOnlyKeys(concat(concat(List.of("mysql", "rabbitmq", "redis", "prometheus",
                "grafana"), SERVICE_MODULES), CLUSTER_NODES));
        assertThat(services.get("mysql").get("image")).isEqualTo("mysql:8.4");
        assertThat((String) services.get("rabbitmq").get("image")).startsWith("rabbitmq:4");
        assertThat((String) services.get("redis").get("image")).startsWith("redis:7");
    }

    /**
     * The profile broker-cluster: three RabbitMQ 4 nodes with one Erlang cookie, formed into one
     * cluster by classic-config peer discovery listing exactly their node names; nodes 2 and 3 start
     * once node 1 is healthy; every service can be pointed at them with RABBITMQ_ADDRESSES.
     */
    @Test
    @SuppressWarnings("unchecked")
    void the_broker_cluster_profile_runs_three_nodes_that_form_one_cluster() throws IOException {
        String conf = Files.readString(root.resolve("infra/rabbitmq/cluster.conf"));
        assertThat(conf).containsPattern("(?m)^cluster_formation\\.peer_discovery_backend = classic_config$");
        Set<Object> cookies = new HashSet<>();
        for (int n = 1; n <= CLUSTER_NODES.size(); n++) {
            String name = CLUSTER_NODES.get(n - 1);
            Map<String, Object> node = services.get(name);
            assertThat((List<String>) node.get("profiles")).as(name).containsExactly("broker-cluster");
            assertThat((String) node.get("image")).as(name).startsWith("rabbitmq:4");
            assertThat(node.get("hostname")).as(name).isEqualTo(name);
            assertThat(conf).as(name).containsPattern("(?m)^cluster_formation\\.classic_config\\.nodes\\." + n
                    + " = rabbit@" + name + "$");
            assertThat((List<String>) node.get("volumes")).as(name)
                    .contains("./infra/rabbitmq/cluster.conf:/etc/rabbitmq/conf.d/30-cluster.conf:ro");
            var environment = (Map<String, Object>) node.get("environment");
            cookies.add(environment.get("ERLANG_COOKIE"));
            if (n > 1) {
                assertThat((Map<String, Object>) node.get("depends_on")).as(name).containsOnlyKeys("rabbitmq-1");
            }
        }
        assertThat(cookies).containsExactly("${RABBITMQ_ERLANG_COOKIE:-}");
        for (String module : SERVICE_MODULES) {
            if (!module.equals("gateway-service")) {
                assertThat((Map<String, Object>) services.get(module).get("environment")).as(module)
                        .containsEntry("RABBITMQ_ADDRESSES", "${RABBITMQ_ADDRESSES:-}");
            }
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void builds_every_service_from_its_own_module() throws IOException {
        String rootPom = Files.readString(root.resolve("pom.xml"));
        for (String module : SERVICE_MODULES) {
            var build = (Map<String, Object>) services.get(module).get("build");
            var args = (Map<String, Object>) build.get("args");
            assertThat(args.get("MODULE")).as(module).isEqualTo(module);
            assertThat(root.resolve(module).resolve("pom.xml")).as(module).isRegularFile();
            assertThat(rootPom).as(module).contains("<module>" + module + "</module>");
        }
        assertThat(root.resolve("Dockerfile")).isRegularFile();
    }

    @Test
    @SuppressWarnings("unchecked")
    void every_container_has_a_health_check_and_waits_for_healthy_dependencies() {
        services.forEach((name, service) -> {
            assertThat(service).as(name).containsKey("healthcheck");
            var dependsOn = (Map<String, Map<String, String>>) service.getOrDefault("depends_on", Map.of());
            dependsOn.forEach((dependency, condition) ->
                    assertThat(condition).as(name + " -> " + dependency).containsEntry("condition", "service_healthy"));
        });
        assertThat((Map<String, Object>) services.get("device-service").get("depends_on"))
                .containsKeys("mysql", "rabbitmq", "redis");
        assertThat((Map<String, Object>) services.get("gateway-service").get("depends_on"))
                .containsKeys("auth-service", "device-service", "charging-service", "order-service",
                        "reconciliation-service");
    }

    @Test
    @SuppressWarnings("unchecked")
    void prometheus_and_grafana_run_only_in_the_observability_profile_with_their_configuration_read_only() {
        for (String name : List.of("prometheus", "grafana")) {
            var service = services.get(name);
            assertThat((List<String>) service.get("profiles")).as(name).containsExactly("observability");
            assertThat((String) service.get("image")).as(name).matches("[a-z/]+:v?\\d+\\.\\d+\\.\\d+");
            for (String volume : (List<String>) service.get("volumes")) {
                if (volume.startsWith("./")) {
                    assertThat(volume).as(name).endsWith(":ro");
                    assertThat(root.resolve(volume.substring(2, volume.indexOf(':')))).as(volume).exists();
                }
            }
        }
        for (String module : SERVICE_MODULES) {
            assertThat(services.get(module)).as(module).doesNotContainKey("profiles");
        }
        // The gateway lets Prometheus's fixed address, and no other, read its metrics without a token.
        var prometheusNetwork = (Map<String, Map<String, Object>>) services.get("prometheus").get("networks");
        var gatewayEnvironment = (Map<String, Object>) services.get("gateway-service").get("environment");
        assertThat(gatewayEnvironment.get("GATEWAY_METRICS_SCRAPERS"))
                .isEqualTo(prometheusNetwork.get("default").get("ipv4_address"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void every_service_finds_the_token_keys_of_auth_service() {
        for (String module : SERVICE_MODULES) {
            var environment = (Map<String, Object>) services.get(module).get("environment");
            assertThat(environment).as(module).containsEntry("AUTH_JWKS_URI", "http://auth-service:8081/api/auth/jwks");
        }
        assertThat((Map<String, Object>) services.get("auth-service").get("environment"))
                .containsKey("AUTH_JWT_PRIVATE_KEY");
    }

    @Test
    void secrets_come_from_env_and_the_example_declares_each_one() throws IOException {
        Set<String> required = new HashSet<>();
        Matcher matcher = REQUIRED_VARIABLE.matcher(composeText);
        while (matcher.find()) {
            required.add(matcher.group(1));
        }
        assertThat(required).contains("MYSQL_ROOT_PASSWORD", "RABBITMQ_PASSWORD", "REDIS_PASSWORD");

        Set<String> declared = new HashSet<>();
        for (String line : Files.readAllLines(root.resolve(".env.example"))) {
            if (!line.isBlank() && !line.startsWith("#")) {
                declared.add(line.substring(0, line.indexOf('=')));
            }
        }
        assertThat(declared).containsAll(required);

        services.forEach((name, service) -> {
            @SuppressWarnings("unchecked")
            var environment = (Map<String, Object>) service.getOrDefault("environment", Map.of());
            environment.forEach((key, value) -> {
                if (key.contains("PASS")) {
                    assertThat(String.valueOf(value)).as(name + " " + key).startsWith("${");
                }
            });
        });
    }

    private static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("docker-compose.yml"))) {
            dir = dir.getParent();
        }
        assertThat(dir).as("a parent folder holding docker-compose.yml").isNotNull();
        return dir;
    }

    private static String[] concat(List<String> first, List<String> second) {
        return java.util.stream.Stream.concat(first.stream(), second.stream()).toArray(String[]::new);
    }

    private static String[] concat(String[] first, List<String> second) {
        return concat(List.of(first), second);
    }
}
