#!/usr/bin/env bash
# Settlement throughput of one order-service, alone and isolated (port 18084, schema bench_orders, vhost
# ev-bench, Redis database 9: see bench/lib/isolated-services.sh). The load generator plays charging-service:
# it publishes session-started + session-completed pairs to charging.events, credits the drivers' wallets
# through order-service's admin API with tokens it signs itself (order-service's AUTH_JWKS_URI points at the
# JWKS it serves on port 18086), and follows each order to its order.order-settled event. In the same run it
# measures the messaging benchmark's end to end as the reference. The load generator is
# com.evplatform.bench.SettlementBenchmark (bench module); its table goes into docs/benchmarks.md.
# Run through `bin/platform bench settlement` (which picks the JDK and builds the jars).
set -euo pipefail
export LC_ALL=C

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=bench/lib/isolated-services.sh
source "${ROOT}/bench/lib/isolated-services.sh"

REPORT="${REPORT:-${ROOT}/docs/benchmarks.md}"
ORDERS="${SETTLEMENT_BENCH_ORDERS:-100000}"
WARMUP="${SETTLEMENT_BENCH_WARMUP:-5000}"
WINDOW="${SETTLEMENT_BENCH_WINDOW:-2000}"            # completions published and not yet settled, at most
PACED_SECONDS="${SETTLEMENT_BENCH_PACED_SECONDS:-60}"
DRIVERS="${SETTLEMENT_BENCH_DRIVERS:-1000}"
REFERENCE_MESSAGES="${SETTLEMENT_BENCH_REFERENCE_MESSAGES:-20000}"
HEAP="${SERVICE_HEAP:-256m}"                         # as bin/platform up
JWKS_PORT=18086
WORK="${ROOT}/bench/target/settlement-benchmark"

trap bench_stop_all EXIT

bench_start_alone "${WORK}" order-service "${HEAP}" AUTH_JWKS_URI="http://127.0.0.1:${JWKS_PORT}/jwks"

pids_of() { pgrep -d ',' -x "$1" || true; }
amqp="amqp://${RABBITMQ_USERNAME:-guest}:${RABBITMQ_PASSWORD:-guest}@${RABBITMQ_HOST:-127.0.0.1}:${RABBITMQ_PORT:-5672}/${BENCH_VHOST}"
context="order-service alone with -Xmx${HEAP} (its own port ${BENCH_PORT[order-service]}, schema bench_orders, vhost ${BENCH_VHOST}, Redis database ${BENCH_REDIS_DB}), on this machine with MariaDB, RabbitMQ, Redis and the load generator (-Xmx1g), which publishes the sessions' events the way charging-service's outbox relay does (persistent, publisher confirms) and listens on a queue of its own. ${DRIVERS} drivers, each wallet credited 100000.00 through \`POST /api/admin/wallets/{userId}/credits\`; one-segment tariff, 5 to 24.5 kWh per session. Machine before the run: ${BENCH_MACHINE_BEFORE}. Command: \`bin/platform bench settlement\` (script \`bench/settlement-throughput.sh\`, load generator \`com.evplatform.bench.SettlementBenchmark\`, N from \`SETTLEMENT_BENCH_ORDERS\`; logs in \`bench/target/settlement-benchmark/logs\`)."

classpath="$(bench_classpath)"
"${JAVA_HOME}/bin/java" -Xmx1g ${BENCH_JAVA_OPTS:-} -cp "${classpath}" com.evplatform.bench.SettlementBenchmark \
  --order-service="http://127.0.0.1:${BENCH_PORT[order-service]}" --amqp="${amqp}" --vhost="${BENCH_VHOST}" \
  --redis-db="${BENCH_REDIS_DB}" --jwks-port="${JWKS_PORT}" \
  --db-url="jdbc:${DB_KIND:-mariadb}://${BENCH_DB_HOST}:${BENCH_DB_PORT}/bench_orders" \
  --orders="${ORDERS}" --warmup="${WARMUP}" --window="${WINDOW}" --paced-seconds="${PACED_SECONDS}" \
  --drivers="${DRIVERS}" --reference-messages="${REFERENCE_MESSAGES}" \
  --order-pid="${BENCH_PID_order_service}" --db-pids="$(pids_of 'mariadbd|mysqld')" \
  --broker-pids="$(pids_of beam.smp)" --redis-pids="$(pids_of redis-server)" --clk-tck="$(getconf CLK_TCK)" \
  --context="${context}" --table="${WORK}/table.md" | tee "${WORK}/logs/load-generator.log"

bench_write_report "${REPORT}" "<!-- settlement-benchmark:begin -->" "<!-- settlement-benchmark:end -->" \
  "## Settlement throughput" "$(cat "${WORK}/table.md")"
echo "logs: ${WORK}/logs"
