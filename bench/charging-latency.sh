#!/usr/bin/env bash
# Start-to-charging latency through the gateway: the six services (own ports, schemas, vhost and Redis
# database, see bench/lib/isolated-services.sh), simulated chargers connected through the gateway that
# accept remote starts, and drivers starting sessions at fixed rates (25, 50, 100, 200 per second by
# default); each session is followed on charging.events (the load generator's own queue, no polling)
# until CHARGING, then stopped. The load generator
# is com.evplatform.bench.ChargingLatencyBenchmark (bench module); it writes its table into
# docs/benchmarks.md. Run through `bin/platform bench charging` (which picks the JDK and builds the jars).
set -euo pipefail
export LC_ALL=C

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=bench/lib/isolated-services.sh
source "${ROOT}/bench/lib/isolated-services.sh"

REPORT="${REPORT:-${ROOT}/docs/benchmarks.md}"
RATES="${CHARGING_BENCH_RATES:-25,50,100,200}"
DURATION="${CHARGING_BENCH_DURATION:-30s}"
WARMUP="${CHARGING_BENCH_WARMUP:-20:15s}"       # rate:duration, not reported
CHARGERS="${CHARGING_BENCH_CHARGERS:-200}"
CONNECTORS=2
DRIVERS="${CHARGING_BENCH_DRIVERS:-400}"
HEAP="${SERVICE_HEAP:-256m}"                     # as bin/platform up
CHARGER_PASSWORD="bench-charger-key-0123456789"
ADMIN_USER="bench-admin"
ADMIN_PASSWORD="bench-$(head -c 12 /dev/urandom | base64 | tr -d '/+=')"
WORK="${ROOT}/bench/target/charging-benchmark"
SERVICES=(auth-service device-service charging-service order-service reconciliation-service gateway-service)
GATEWAY="http://127.0.0.1:${BENCH_PORT[gateway-service]}"
SIM_PID=""

cleanup() {
  bench_stop_process "${SIM_PID}"
  bench_stop_all
}
trap cleanup EXIT

bench_fresh_work "${WORK}"
machine_before="${BENCH_MACHINE_BEFORE}"

bench_copy_jars "${WORK}" "${SERVICES[@]}"
bench_copy_simulator "${WORK}"
bench_reset "${SERVICES[@]}"

url() { echo "http://127.0.0.1:${BENCH_PORT[$1]}"; }
# The gateway's rate limits are raised far above the benchmark's rates: one driver starts a session
# every few seconds, and set-up registers everything from one address.
LIMITS=(GATEWAY_RATE_PER_SECOND=100000 GATEWAY_RATE_BURST=100000
  GATEWAY_START_RATE_PER_SECOND=100000 GATEWAY_START_RATE_BURST=100000)
started_at=${SECONDS}
bench_start "${WORK}" auth-service "${HEAP}" PLATFORM_ADMIN_USERNAME="${ADMIN_USER}" PLATFORM_ADMIN_PASSWORD="${ADMIN_PASSWORD}"
bench_wait_ready "${WORK}" auth-service
bench_start "${WORK}" device-service "${HEAP}" OCPP_BASE_URL="ws://127.0.0.1:${BENCH_PORT[gateway-service]}/ocpp"
bench_start "${WORK}" charging-service "${HEAP}" DEVICE_SERVICE_URL="$(url device-service)" \
  ORDER_SERVICE_URL="$(url order-service)"
bench_start "${WORK}" order-service "${HEAP}"
bench_start "${WORK}" reconciliation-service "${HEAP}"
bench_wait_ready "${WORK}" device-service charging-service order-service reconciliation-service
bench_start "${WORK}" gateway-service "${HEAP}" "${LIMITS[@]}" \
  AUTH_SERVICE_URL="$(url auth-service)" DEVICE_SERVICE_URL="$(url device-service)" \
  CHARGING_SERVICE_URL="$(url charging-service)" ORDER_SERVICE_URL="$(url order-service)" \
  RECONCILIATION_SERVICE_URL="$(url reconciliation-service)" \
  DEVICE_SERVICE_WS_URL="ws://127.0.0.1:${BENCH_PORT[device-service]}" LOGGING_LEVEL_GATEWAY_ACCESS=WARN
bench_wait_ready "${WORK}" gateway-service
echo "six services ready in $(( SECONDS - started_at )) s"

classpath="${ROOT}/bench/target/classes:$(cat "${ROOT}/bench/target/bench.classpath")"
bench_java() { "${JAVA_HOME}/bin/java" -Xmx1g -cp "${classpath}" com.evplatform.bench.ChargingLatencyBenchmark "$@"; }

bench_java setup --gateway="${GATEWAY}" --admin-user="${ADMIN_USER}" --admin-password="${ADMIN_PASSWORD}" \
  --chargers="${CHARGERS}" --connectors="${CONNECTORS}" --charger-prefix=BC- --charger-password="${CHARGER_PASSWORD}" \
  --drivers="${DRIVERS}" --state="${WORK}/units.txt"

"${JAVA_HOME}/bin/java" -Xmx1g -jar "${WORK}/sim/simulator.jar" --url "ws://127.0.0.1:${BENCH_PORT[gateway-service]}/ocpp" \
  --count "${CHARGERS}" --id-prefix BC- --password "${CHARGER_PASSWORD}" --connectors "${CONNECTORS}" \
  --remote-start accept --connect-rate 100 --stats-interval 10s >"${WORK}/logs/simulator.log" 2>&1 </dev/null &
SIM_PID=$!
for _ in $(seq 1 120); do
  connected="$(bench_prom_sum "$(curl -fs "$(url device-service)/actuator/prometheus" || true)" 'ocpp_connections')"
  (( connected >= CHARGERS )) && break
  sleep 1
done
echo "${connected} chargers connected through the gateway"
sleep 5  # their StatusNotifications (Available) reach the live state

services=""
for name in "${SERVICES[@]}"; do
  pid_var="BENCH_PID_${name//-/_}"
  services+="${name%-service}:${!pid_var}:${BENCH_PORT[${name}]},"
done
infra="$(pgrep -d ',' -x 'mariadbd|mysqld|beam.smp|redis-server' || true)"
context="The six services with -Xmx${HEAP} each, on this machine with MariaDB, RabbitMQ, Redis, the simulator and the load generator; gateway rate limits raised for the run (GATEWAY_RATE_PER_SECOND, GATEWAY_RATE_BURST, GATEWAY_START_RATE_PER_SECOND, GATEWAY_START_RATE_BURST = 100000; defaults 20, 40, 1, 5). ${CHARGERS} simulated chargers with ${CONNECTORS} connectors each, connected through the gateway (ws://127.0.0.1:${BENCH_PORT[gateway-service]}/ocpp) and accepting remote starts at once; ${DRIVERS} drivers registered and logged in through the gateway. Each level offers starts at a fixed rate for ${DURATION} after a warm-up (${WARMUP/:/ starts\/s for }). Machine before the run: ${machine_before}."

bench_java run --gateway="${GATEWAY}" \
  --amqp="amqp://${RABBITMQ_USERNAME:-guest}:${RABBITMQ_PASSWORD:-guest}@${RABBITMQ_HOST:-127.0.0.1}:${RABBITMQ_PORT:-5672}/${BENCH_VHOST}" \
  --state="${WORK}/units.txt" --rates="${RATES}" --duration="${DURATION}" \
  --warmup="${WARMUP}" --services="${services%,}" --infra-pids="${infra}" --simulator-pid="${SIM_PID}" \
  --clk-tck="$(getconf CLK_TCK)" --report="${REPORT}" \
  --context="${context} Command: \`bin/platform bench charging\` (script \`bench/charging-latency.sh\`, load generator \`com.evplatform.bench.ChargingLatencyBenchmark\`; logs in \`bench/target/charging-benchmark/logs\`)." \
  | tee "${WORK}/logs/load-generator.log"
echo "logs: ${WORK}/logs"
