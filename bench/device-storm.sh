#!/usr/bin/env bash
# OCPP connection storms on one device-service (issue 14): STORM_CHARGERS (5,000) simulated chargers connect
# at the same moment, straight to ONE device-service (not through the gateway); then device-service is killed
# (SIGKILL) and started again while the same chargers keep trying to reconnect. For each of the two storms:
# seconds until every charger has booted again (its BootNotification accepted; the second storm counted from
# device-service answering its readiness probe), handshakes refused by HTTP status, connects given up after the
# connect timeout, device-service's CPU and its highest heap use seen. The same two storms run twice: with
# admission control as configured by default (ADR 16), and with it off (no bound on concurrent handshakes, no
# attempt limits). Exits non-zero when a charger with a valid key was ever refused with 401. Writes its table into docs/benchmarks.md. Run through `bin/platform bench storm`
# (which picks the JDK and builds the jars).
set -euo pipefail
export LC_ALL=C

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=bench/lib/isolated-services.sh
source "${ROOT}/bench/lib/isolated-services.sh"

REPORT="${REPORT:-${ROOT}/docs/benchmarks.md}"
CHARGERS="${STORM_CHARGERS:-5000}"
TARGET="${STORM_TARGET:-60}"                  # seconds: issue 14's target for every charger to have booted
LIMIT="${STORM_LIMIT:-100}"                   # seconds a storm is watched at most
HEAP="${STORM_HEAP:-512m}"
# The chargers' policy: a 10 s connect timeout (TCP and WebSocket handshake), then a backoff from 1 s
# doubling per failed attempt up to 30 s, ±20 % jitter; a refusal's Retry-After is obeyed (plus up to 10 %).
CONNECT_TIMEOUT="${STORM_CONNECT_TIMEOUT:-10s}"
BACKOFF="${STORM_BACKOFF:-1s}"
MAX_BACKOFF="${STORM_MAX_BACKOFF:-30s}"
# Extra device-service settings for both runs, e.g. STORM_SETTINGS="OCPP_MAX_CONCURRENT_HANDSHAKES=64" while tuning.
read -r -a STORM_SETTINGS <<<"${STORM_SETTINGS:-}"
PASSWORD="bench-storm-key-0123456789"
PORT="${BENCH_PORT[device-service]}"
WORK="${ROOT}/bench/target/device-storm"
KEY_SECRET="${DEVICE_KEY_SECRET:-bench-only-device-key-secret-0123456789}"
export DEVICE_KEY_SECRET="${KEY_SECRET}"
CORES="$(nproc)"
HZ="$(getconf CLK_TCK)"
SIM_PID=""
DEVICE_PID=""

cleanup() {
  bench_stop_process "${SIM_PID}"
  bench_stop_all
}
trap cleanup EXIT

bench_fresh_work "${WORK}"
machine_before="${BENCH_MACHINE_BEFORE}"
(( $(ulimit -n) >= CHARGERS * 2 + 2000 )) || { echo "ulimit -n is $(ulimit -n); more open files are needed" >&2; exit 1; }
bench_copy_jars "${WORK}" device-service
bench_copy_simulator "${WORK}"
seq -f "BST-%05g" 1 "${CHARGERS}" | paste -sd, >"${WORK}/sim/ids.txt"

# Chargers registered with SQL once device-service has created its tables, each with its own HMAC-stored key
# (key_scheme HMAC_SHA256, as the admin API stores keys since ADR 16): a handshake costs what it costs in
# production, no bcrypt on first connect.
register() {
  python3 - "${CHARGERS}" "${PASSWORD}" "${KEY_SECRET}" <<'PY' | bench_sql bench_device
import base64, hmac, hashlib, sys, uuid
count, password, secret = int(sys.argv[1]), sys.argv[2], sys.argv[3].strip().encode()
station = str(uuid.uuid4())
print("INSERT INTO operators (code, name) VALUES ('BENCHOP02', 'Storm operator');")
print(f"INSERT INTO stations (id, operator_code, name, address, latitude, longitude, created_at) VALUES "
      f"('{station}', 'BENCHOP02', 'Storm bench', '1 Bench Road', 31.23, 121.47, NOW(6));")
for start in range(1, count + 1, 500):
    ids = [f"BST-{i:05d}" for i in range(start, min(count, start + 499) + 1)]
    rows = []
    for cp in ids:
        digest = hmac.new(secret, f"{cp}:{password}".encode(), hashlib.sha256).digest()
        rows.append(f"('{cp}','{station}','{base64.b64encode(digest).decode()}','HMAC_SHA256',NOW(6),0)")
    print("INSERT INTO chargers (charge_point_id, station_id, password_hash, key_scheme, registered_at, version) VALUES "
          + ",".join(rows) + ";")
    print("INSERT INTO connectors (connector_code, charge_point_id, connector_id) VALUES "
          + ",".join(f"('{cp}-{n}','{cp}',{n})" for cp in ids for n in (1, 2)) + ";")
PY
}

prom() { curl -fs -m 3 "http://127.0.0.1:${PORT}/actuator/prometheus" || true; }
infra_pids() { pgrep -d ' ' -x 'mariadbd|mysqld|beam.smp|redis-server|epmd|erl_child_setup' || true; }
sum_ticks() { local t=0 pid; for pid in "$@"; do t=$(( t + $(bench_ticks "${pid}") )); done; echo "${t}"; }
# The simulator's latest counters: booted refused401 refused429 refused503 refusedOther timeouts failures
sim_counters() {
  grep -a 'connected ' "${WORK}/logs/simulator-${MODE}.log" 2>/dev/null | tail -n 1 | awk '{
      booted = 0; r401 = 0; r429 = 0; r503 = 0; other = 0; to = 0; cf = 0
      for (i = 1; i <= NF; i++) {
        if ($i == "booted") booted = $(i + 1)
        if ($i == "connectTimeouts") to = $(i + 1)
        if ($i == "connectFailures") cf = $(i + 1)
        if ($i == "refused") {
          for (j = i + 1; j <= NF && $j ~ /^[0-9]+:[0-9]+$/; j++) {
            split($j, r, ":")
            if (r[1] == 401) r401 = r[2]; else if (r[1] == 429) r429 = r[2]; else if (r[1] == 503) r503 = r[2]; else other += r[2]
          }
        }
      }
    } END { printf "%d %d %d %d %d %d %d\n", booted, r401, r429, r503, other, to, cf }'
}

start_device() { # VAR=value... (the mode's admission settings)
  bench_start "${WORK}" device-service "${HEAP}" OCPP_HEARTBEAT_INTERVAL=60s OCPP_MAX_CONNECTIONS=20000 \
    OCPP_BASE_URL="ws://127.0.0.1:${PORT}/ocpp" "$@"
  DEVICE_PID="${BENCH_PID_device_service}"
  bench_wait_ready "${WORK}" device-service
}

rows=""
ANY_401=0
NOT_BOOTED=0
# storm LABEL SINCE_NANOS: watches until every charger has booted (or LIMIT passes), counted from SINCE_NANOS,
# and appends a row with what the simulator and device-service did from the start of the storm.
storm() {
  local label="$1" since="$2"
  local b0 r401_0 r429_0 r503_0 ro0 to0 cf0 b r401 r429 r503 ro to cf
  read -r b0 r401_0 r429_0 r503_0 ro0 to0 cf0 < <(echo "${COUNTERS_AT_START}")
  local d0 i0 s0 t0 heap max_heap=0 booted_s="" now elapsed
  d0="$(bench_ticks "${DEVICE_PID}")"; i0="$(sum_ticks $(infra_pids))"; s0="$(bench_ticks "${SIM_PID}")"
  t0="$(date +%s%N)"
  local -a curve=("0 s: $(sim_counters | cut -d' ' -f1)")
  while :; do
    sleep 1
    now="$(date +%s%N)"
    elapsed=$(( (now - since) / 1000000 ))
    read -r b r401 r429 r503 ro to cf < <(sim_counters)
    heap="$(bench_prom_sum "$(prom)" 'jvm_memory_used_bytes{area="heap"')"
    (( heap > max_heap )) && max_heap="${heap}"
    # booted chargers at 10 s marks, for the reading
    (( elapsed / 10000 > ${#curve[@]} )) && curve+=("$(( elapsed / 10000 * 10 )) s: ${b}")
    if (( b >= CHARGERS )); then booted_s="$(awk -v e="${elapsed}" 'BEGIN {printf "%.0f", e / 1000}')"; break; fi
    (( elapsed / 1000 >= LIMIT )) && break
  done
  local t1 d1 i1 s1 seconds cpu infra sim
  t1="$(date +%s%N)"
  d1="$(bench_ticks "${DEVICE_PID}")"; i1="$(sum_ticks $(infra_pids))"; s1="$(bench_ticks "${SIM_PID}")"
  seconds="$(awk -v a="${t0}" -v b="${t1}" 'BEGIN {printf "%.3f", (b - a) / 1e9}')"
  pct() { awk -v d="$1" -v s="${seconds}" -v hz="${HZ}" -v c="${CORES}" 'BEGIN {printf "%.0f", 100 * d / hz / s / c}'; }
  cpu="$(pct $(( d1 - d0 )))"; infra="$(pct $(( i1 - i0 )))"; sim="$(pct $(( s1 - s0 )))"
  local p refused_server
  p="$(prom)"
  refused_server="$(awk '/^ocpp_handshakes_refused_total\{/ {match($0, /reason="[^"]*"/); r = substr($0, RSTART + 8, RLENGTH - 9); s[r] += $NF}
      END {for (r in s) if (s[r] > 0) printf "%s%s %d", (n++ ? ", " : ""), r, s[r]}' <<<"${p}")"
  local d401=$(( r401 - r401_0 )) d429=$(( r429 - r429_0 )) d503=$(( r503 - r503_0 )) dother=$(( ro - ro0 ))
  local dto=$(( to - to0 )) dcf=$(( cf - cf0 ))
  local dother_failures=$(( dcf - d401 - d429 - d503 - dother - dto ))
  (( d401 > 0 )) && ANY_401=1
  local result
  if [[ -n "${booted_s}" ]]; then
    result="**${booted_s} s**"
    (( booted_s <= TARGET )) || result+=" (${TARGET} s target missed by $(( booted_s - TARGET )) s)"
  else
    result="**not all within ${LIMIT} s**: ${b} of ${CHARGERS} booted"
    NOT_BOOTED=1
  fi
  local mb=$(( max_heap / 1048576 ))
  echo "${MODE_LABEL}, ${label}: ${result}; refused 401 ${d401} 429 ${d429} 503 ${d503} other ${dother}; connect timeouts ${dto}," \
    "other connect failures ${dother_failures}; device-service CPU ${cpu}%, heap max ${mb} MB; simulator ${sim}%, infra ${infra}%;" \
    "server refusals: ${refused_server:-none}; booted over time: ${curve[*]:-}"
  rows+="| ${MODE_LABEL} | ${label} | ${result} | ${d401} / ${d429} / ${d503}$( (( dother > 0 )) && echo " / ${dother} other") | ${dto} | ${dother_failures} | ${cpu} % | ${mb} | ${sim} % | ${infra} % | $(printf '%s; ' "${curve[@]}" | sed 's/; $//') |
"
  LAST_ELAPSED="${booted_s:-}"
}

# run_mode NAME LABEL VAR=value...: both storms against a fresh schema with the given admission settings.
run_mode() {
  MODE="$1"; MODE_LABEL="$2"; shift 2
  local settings=("$@")
  echo "=== ${MODE_LABEL}"
  bench_reset device-service
  start_device "${settings[@]}"
  register
  echo "registered ${CHARGERS} chargers"
  COUNTERS_AT_START="0 0 0 0 0 0 0"
  local since
  since="$(date +%s%N)"
  # All chargers at once: the connect rate is far above the fleet's size, so every connect starts in the
  # simulator's first tick.
  "${JAVA_HOME}/bin/java" -Xmx1g -jar "${WORK}/sim/simulator.jar" --url "ws://127.0.0.1:${PORT}/ocpp" \
    --id "@${WORK}/sim/ids.txt" --password "${PASSWORD}" --connectors 2 --connect-rate 1000000 \
    --connect-timeout "${CONNECT_TIMEOUT}" --reconnect-backoff "${BACKOFF}" --reconnect-max-backoff "${MAX_BACKOFF}" \
    --stats-interval 1s >"${WORK}/logs/simulator-${MODE}.log" 2>&1 </dev/null &
  SIM_PID=$!
  storm "${CHARGERS} connect at once" "${since}"
  # Let the boot burst's writes settle before the kill, so the restart starts from a fleet that is at rest.
  sleep 10
  COUNTERS_AT_START="$(sim_counters)"
  kill -KILL "${DEVICE_PID}"
  local killed_at ready_at
  killed_at="$(date +%s%N)"
  { wait "${DEVICE_PID}"; } 2>/dev/null || true
  mv "${WORK}/logs/device-service.log" "${WORK}/logs/device-service-${MODE}-1.log"
  BENCH_PIDS=()
  start_device "${settings[@]}"
  ready_at="$(date +%s%N)"
  echo "device-service ready $(( (ready_at - killed_at) / 1000000000 )) s after SIGKILL; booted chargers then: $(sim_counters | cut -d' ' -f1)"
  storm "${CHARGERS} reconnect after SIGKILL and restart" "${ready_at}"
  bench_stop_process "${SIM_PID}" 90
  SIM_PID=""
  bench_stop_all
  mv "${WORK}/logs/device-service.log" "${WORK}/logs/device-service-${MODE}-2.log"
}

# STORM_MODES picks which of the two runs to make (both by default), e.g. "on" while tuning.
for mode in ${STORM_MODES:-on off}; do
  case "${mode}" in
    on) run_mode on "on" "${STORM_SETTINGS[@]}" ;;
    off) run_mode off "off" "${STORM_SETTINGS[@]}" \
      OCPP_MAX_CONCURRENT_HANDSHAKES=0 OCPP_ATTEMPTS_PER_CHARGER=0 OCPP_ATTEMPTS_PER_ADDRESS=0 ;;
    *) echo "STORM_MODES: unknown mode ${mode} (on, off)" >&2; exit 2 ;;
  esac
done

verdict=""
(( ANY_401 == 0 )) && verdict+="No charger with a valid key was refused with 401. " \
  || verdict+="**Chargers with a valid key were refused with 401** (see the table). "
table="Measured $(date -u +%Y-%m-%dT%H:%MZ) on ${CORES} cores, $(uname -s) $(uname -m), Java $("${JAVA_HOME}/bin/java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.runtime.version/ {print $2}'), device-service -Xmx${HEAP} with its own schema, vhost and Redis database; MariaDB, RabbitMQ and Redis shared with the machine. Machine before the run: ${machine_before}.
${CHARGERS} simulated chargers (one simulator JVM, 2 connectors each, HMAC-stored keys) connect straight to ws://127.0.0.1:${PORT}/ocpp (not through the gateway), all started in the same instant; their policy: connect timeout ${CONNECT_TIMEOUT} (TCP and WebSocket handshake), then reconnect after ${BACKOFF} doubling per failed attempt up to ${MAX_BACKOFF} (±20 % jitter), and after a refusal with Retry-After exactly that wait plus up to 10 % (at least up to 1 s). \"Booted\" = BootNotification accepted on the current connection (the simulator's count, read every second); the first storm is counted from the simulator's start. Admission control \"on\" is device-service's defaults (at most 32 handshakes checked at once, 200 ms wait for a place, then 503 with Retry-After 5 s + up to 10 s; 20 attempts per charger and 100 failed attempts per address per 60 s, all 5,000 chargers coming from 127.0.0.1); \"off\" is OCPP_MAX_CONCURRENT_HANDSHAKES=0, OCPP_ATTEMPTS_PER_CHARGER=0, OCPP_ATTEMPTS_PER_ADDRESS=0. The second storm: device-service killed with SIGKILL 10 s after the first storm ended, started again, and counted from its readiness probe answering. Target: every charger booted within ${TARGET} s; a storm is watched for ${LIMIT} s at most.

| admission | storm | all ${CHARGERS} booted after | handshakes refused 401 / 429 / 503 | connects timed out | other failed connects (refused port, reset, ...) | device-service CPU, % of ${CORES} cores | device-service heap, highest seen MB | simulator CPU | MariaDB + RabbitMQ + Redis CPU | chargers booted over time |
|---|---|---|---|---|---|---|---|---|---|---|
${rows}
${verdict}

Command: \`bin/platform bench storm\` (script: \`bench/device-storm.sh\`; STORM_CHARGERS, STORM_LIMIT, STORM_CONNECT_TIMEOUT, STORM_BACKOFF, STORM_MAX_BACKOFF, STORM_MODES, STORM_SETTINGS change the run; logs in \`bench/target/device-storm/logs\`). The simulator: \`java -jar charge-point-simulator.jar --url ws://127.0.0.1:${PORT}/ocpp --id @ids.txt --password ... --connectors 2 --connect-rate 1000000 --connect-timeout ${CONNECT_TIMEOUT} --reconnect-backoff ${BACKOFF} --reconnect-max-backoff ${MAX_BACKOFF} --stats-interval 1s\`."
echo "${table}"
if [[ "${STORM_WRITE_REPORT:-1}" == 1 ]]; then
  bench_write_report "${REPORT}" "<!-- storm-benchmark:begin -->" "<!-- storm-benchmark:end -->" \
    "## OCPP connection storms" "${table}"
fi
echo "logs: ${WORK}/logs"
(( ANY_401 == 0 )) || { echo "FAILED: chargers with a valid key were refused with 401" >&2; exit 1; }
(( NOT_BOOTED == 0 )) || echo "not every charger booted within ${LIMIT} s in some storm (reported, not a failure)" >&2
