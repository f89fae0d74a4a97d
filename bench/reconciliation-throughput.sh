#!/usr/bin/env bash
# Ingest rate and run speed of one reconciliation-service, alone and isolated (port 18085, schema
# bench_reconciliation, vhost ev-bench, Redis database 9: see bench/lib/isolated-services.sh). The load generator
# plays device-service and order-service: it publishes transaction-started/-stopped and order-opened/-settled
# events to device.events and order.events as their outbox relays do, and waits until reconciliation's inbox and
# tables hold them all; in the same run it measures the messaging library's single-message consumer as the
# reference. Then it writes a day of transaction/order pairs with known mismatches straight into the service's
# tables and starts one run through the admin API, with tokens it signs itself (the service's AUTH_JWKS_URI points
# at the JWKS it serves on port 18086). The load generator is com.evplatform.bench.ReconciliationBenchmark (bench
# module); its table goes into docs/benchmarks.md.
# Run through `bin/platform bench reconciliation` (which picks the JDK and builds the jars).
set -euo pipefail
export LC_ALL=C

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=bench/lib/isolated-services.sh
source "${ROOT}/bench/lib/isolated-services.sh"

REPORT="${REPORT:-${ROOT}/docs/benchmarks.md}"
EVENTS="${RECONCILIATION_BENCH_EVENTS:-100000}"
PAIRS="${RECONCILIATION_BENCH_PAIRS:-1000000}"
MISMATCHES="${RECONCILIATION_BENCH_MISMATCHES:-1000}"
WORKERS="${RECONCILIATION_WORKERS:-2}"
CHUNK_SIZE="${RECONCILIATION_CHUNK_SIZE:-1000}"
BATCH_SIZE="${RECONCILIATION_INGEST_BATCH_SIZE:-500}"
HEAP="${SERVICE_HEAP:-256m}"                         # as bin/platform up
JWKS_PORT=18086
WORK="${ROOT}/bench/target/reconciliation-benchmark"

trap bench_stop_all EXIT

bench_start_alone "${WORK}" reconciliation-service "${HEAP}" AUTH_JWKS_URI="http://127.0.0.1:${JWKS_PORT}/jwks" \
  RECONCILIATION_WORKERS="${WORKERS}" RECONCILIATION_CHUNK_SIZE="${CHUNK_SIZE}" \
  RECONCILIATION_INGEST_BATCH_SIZE="${BATCH_SIZE}"

pids_of() { pgrep -d ',' -x "$1" || true; }
amqp="amqp://${RABBITMQ_USERNAME:-guest}:${RABBITMQ_PASSWORD:-guest}@${RABBITMQ_HOST:-127.0.0.1}:${RABBITMQ_PORT:-5672}/${BENCH_VHOST}"
context="reconciliation-service alone with -Xmx${HEAP} (its own port ${BENCH_PORT[reconciliation-service]}, schema bench_reconciliation, vhost ${BENCH_VHOST}, Redis database ${BENCH_REDIS_DB}), on this machine with MariaDB, RabbitMQ, Redis and the load generator (-Xmx1g), which publishes the events the way device-service's and order-service's outbox relays do (persistent, publisher confirms). Machine before the run: ${BENCH_MACHINE_BEFORE}. Command: \`bin/platform bench reconciliation\` (script \`bench/reconciliation-throughput.sh\`, load generator \`com.evplatform.bench.ReconciliationBenchmark\`; N from \`RECONCILIATION_BENCH_EVENTS\`, pairs from \`RECONCILIATION_BENCH_PAIRS\`, mismatches from \`RECONCILIATION_BENCH_MISMATCHES\`; logs in \`bench/target/reconciliation-benchmark/logs\`)."

classpath="$(bench_classpath)"
"${JAVA_HOME}/bin/java" -Xmx1g ${BENCH_JAVA_OPTS:-} -cp "${classpath}" com.evplatform.bench.ReconciliationBenchmark \
  --service="http://127.0.0.1:${BENCH_PORT[reconciliation-service]}" --amqp="${amqp}" --vhost="${BENCH_VHOST}" \
  --redis-db="${BENCH_REDIS_DB}" --jwks-port="${JWKS_PORT}" \
  --db-url="jdbc:${DB_KIND:-mariadb}://${BENCH_DB_HOST}:${BENCH_DB_PORT}/bench_reconciliation" \
  --events="${EVENTS}" --pairs="${PAIRS}" --mismatches="${MISMATCHES}" \
  --workers="${WORKERS}" --chunk-size="${CHUNK_SIZE}" --batch-size="${BATCH_SIZE}" \
  --service-pid="${BENCH_PID_reconciliation_service}" --service-log="${WORK}/logs/reconciliation-service.log" \
  --db-pids="$(pids_of 'mariadbd|mysqld')" --broker-pids="$(pids_of beam.smp)" --redis-pids="$(pids_of redis-server)" \
  --clk-tck="$(getconf CLK_TCK)" --context="${context}" --table="${WORK}/table.md" | tee "${WORK}/logs/load-generator.log"

bench_write_report "${REPORT}" "<!-- reconciliation-benchmark:begin -->" "<!-- reconciliation-benchmark:end -->" \
  "## Reconciliation: ingest and runs" "$(cat "${WORK}/table.md")"
echo "logs: ${WORK}/logs"
