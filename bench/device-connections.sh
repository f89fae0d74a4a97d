#!/usr/bin/env bash
# OCPP connections on one device-service: simulated chargers connect straight to ONE device-service
# instance (not through the gateway), in steps (1,000, 2,500, 5,000, 10,000), heartbeat every 60 s,
# 10 % of the chargers charging with MeterValues every 15 s. Per step, over a steady window: chargers
# connected, device-service CPU (from /proc/<pid>/stat), heap (Prometheus jvm_memory_used_bytes, and the
# live heap after a full GC), OCPP messages/s it processed (ocpp_messages_received_total) and errors.
# The reference is the same device-service, idle, measured the same way before any charger connects.
# Phase 1 runs device-service with -Xmx512m (the target's limit) and ends at the first step it cannot
# hold; phase 2, outside the target's configuration, repeats the largest steps with a heap big enough
# (DEVICE_BENCH_BIG_HEAP, 3g) to show CPU and message rate there. Writes its tables into
# docs/benchmarks.md. Run through `bin/platform bench device` (which picks the
# JDK and builds the jars).
set -euo pipefail
export LC_ALL=C

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=bench/lib/isolated-services.sh
source "${ROOT}/bench/lib/isolated-services.sh"

REPORT="${REPORT:-${ROOT}/docs/benchmarks.md}"
read -r -a STEPS <<<"${DEVICE_BENCH_STEPS:-1000 2500 5000 10000}"
WINDOW="${DEVICE_BENCH_WINDOW:-60}"          # seconds measured per step: one full heartbeat period
IDLE_WINDOW="${DEVICE_BENCH_IDLE_WINDOW:-30}"
SETTLE="${DEVICE_BENCH_SETTLE:-30}"          # seconds after the last connect, before measuring
# New connections per second while ramping up. At 250/s on top of 5,000 connected chargers this
# machine's MariaDB falls behind (each new charger costs about five transactions: online, boot, three
# statuses), handshakes time out and the chargers' retries feed the storm; see docs/benchmarks.md.
CONNECT_RATE="${DEVICE_BENCH_CONNECT_RATE:-100}"
HEAP="512m"
BIG_HEAP="${DEVICE_BENCH_BIG_HEAP:-3g}"
read -r -a BIG_STEPS <<<"${DEVICE_BENCH_BIG_STEPS:-5000 10000}"
CPU_LIMIT=50                                 # % of all cores
BCRYPT_STRENGTH=4
PASSWORD="bench-ocpp-key-0123456789"
PORT="${BENCH_PORT[device-service]}"
WORK="${ROOT}/bench/target/device-benchmark"
SIM_PIDS=()
CORES="$(nproc)"
HZ="$(getconf CLK_TCK)"

cleanup() {
  local pid
  # The simulators first: they stop their transactions while device-service is still there.
  for pid in "${SIM_PIDS[@]}"; do kill -TERM "${pid}" 2>/dev/null || true; done
  for pid in "${SIM_PIDS[@]}"; do timeout 60 tail --pid="${pid}" -f /dev/null 2>/dev/null || kill -KILL "${pid}" 2>/dev/null || true; done
  bench_stop_all
}
trap cleanup EXIT

# 10,000 WebSockets on each side: raise the open-files limit as far as allowed.
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"
need=$(( (STEPS[-1] > BIG_STEPS[-1] ? STEPS[-1] : BIG_STEPS[-1]) + 2000 ))
(( $(ulimit -n) >= need )) || { echo "ulimit -n is $(ulimit -n); ${need} open files are needed" >&2; exit 1; }

rm -rf "${WORK}" && mkdir -p "${WORK}/sim" "${WORK}/logs"
machine_before="$(bench_machine_check 5)"
echo "machine before the run: ${machine_before}"

# --- set-up ------------------------------------------------------------------------------------------
bench_copy_jars "${WORK}" device-service
bench_copy_simulator "${WORK}"
bench_reset device-service

start_device() { # heap
  bench_start "${WORK}" device-service "$1" OCPP_HEARTBEAT_INTERVAL=60s OCPP_MAX_CONNECTIONS=20000 \
    OCPP_BASE_URL="ws://127.0.0.1:${PORT}/ocpp"
  DEVICE_PID="${BENCH_PID_device_service}"
  bench_wait_ready "${WORK}" device-service
}

stop_phase() { # simulators, then device-service
  local pid
  for pid in "${SIM_PIDS[@]}"; do kill -TERM "${pid}" 2>/dev/null || true; done
  for pid in "${SIM_PIDS[@]}"; do timeout 60 tail --pid="${pid}" -f /dev/null 2>/dev/null || kill -KILL "${pid}" 2>/dev/null || true; done
  SIM_PIDS=()
  bench_stop_all
}

PHASE=1
PHASE_LABEL="-Xmx${HEAP}"
start_device "${HEAP}"
gc_name="$("${JAVA_HOME}/bin/jcmd" "${DEVICE_PID}" VM.flags 2>/dev/null | grep -o 'Use[A-Za-z0-9]*GC' | head -n 1 || true)"

# Chargers are registered with SQL once device-service has created its tables (the admin API hashes
# each password with bcrypt strength 10, which would take minutes for 10,000): one station per step,
# 2 connectors per charger, one {bcrypt} hash shared by all. Strength 4 keeps the first handshake of
# each charger cheap; what strength 10 would cost is measured and reported.
read -r HASH hash_ms platform_hash_ms < <("${JAVA_HOME}/bin/java" -cp "${ROOT}/bench/target/classes:$(cat "${ROOT}/bench/target/bench.classpath")" \
  com.evplatform.bench.PasswordHash "${PASSWORD}" "${BCRYPT_STRENGTH}")
prefixes=(BDA- BDB- BDC- BDD- BDE- BDF- BDG- BDH-)
register() { # prefix count station
  awk -v p="$1" -v n="$2" -v h="${HASH}" -v s="$3" 'BEGIN {
    q = sprintf("%c", 39)
    printf "INSERT INTO stations (id, operator_code, name, address, latitude, longitude, created_at) VALUES (%s%s%s, %sBENCHOP01%s, %sBench %s%s, %s1 Bench Road%s, 31.23, 121.47, NOW(6));\n", q, s, q, q, q, q, p, q, q, q
    for (i = 1; i <= n; i++) {
      id = sprintf("%s%04d", p, i)
      if ((i - 1) % 500 == 0) { if (i > 1) { print ";"; print c ";" }; printf "INSERT INTO chargers (charge_point_id, station_id, password_hash, registered_at, version) VALUES "; c = "INSERT INTO connectors (connector_code, charge_point_id, connector_id) VALUES " } else { printf "," ; c = c "," }
      printf "(%s%s%s,%s%s%s,%s%s%s,NOW(6),0)", q, id, q, q, s, q, q, h, q
      c = c sprintf("(%s%s-1%s,%s%s%s,1),(%s%s-2%s,%s%s%s,2)", q, id, q, q, id, q, q, id, q, q, id, q)
    }
    print ";"; print c ";"
  }'
}
# Chargers are numbered per step: step i adds STEPS[i] - STEPS[i-1] chargers with prefix i (enough
# for phase 2's steps too).
all_steps=("${STEPS[@]}" "${BIG_STEPS[@]}")
largest="$(printf '%s\n' "${all_steps[@]}" | sort -n | tail -n 1)"
{
  echo "INSERT INTO operators (code, name) VALUES ('BENCHOP01', 'Bench operator');"
  previous=0
  for i in "${!STEPS[@]}"; do
    register "${prefixes[$i]}" $(( STEPS[i] - previous )) "$(cat /proc/sys/kernel/random/uuid)"
    previous="${STEPS[i]}"
  done
  if (( largest > previous )); then
    register "${prefixes[${#STEPS[@]}]}" $(( largest - previous )) "$(cat /proc/sys/kernel/random/uuid)"
  fi
} | bench_sql bench_device
echo "registered ${largest} chargers"

# --- measuring -----------------------------------------------------------------------------------------
# device-service has run out of heap (or exited): the phase ends there.
dead() { ! kill -0 "${DEVICE_PID}" 2>/dev/null || grep -q OutOfMemoryError "${WORK}/logs/device-service.log"; }
prom() { curl -fs -m 10 "http://127.0.0.1:${PORT}/actuator/prometheus" || true; }
heap_bytes() { bench_prom_sum "$(prom)" 'jvm_memory_used_bytes{area="heap"'; }
sum_ticks() { local t=0 pid; for pid in "$@"; do t=$(( t + $(bench_ticks "${pid}") )); done; echo "${t}"; }
infra_pids() { pgrep -d ' ' -x 'mariadbd|mysqld|beam.smp|redis-server|epmd|erl_child_setup' || true; }
threads() { # tid ticks name, for every thread of device-service
  local t
  for t in /proc/"${DEVICE_PID}"/task/*; do
    echo "${t##*/} $(awk '{print $14 + $15}' "${t}/stat" 2>/dev/null || echo 0) $(tr ' ' '_' 2>/dev/null <"${t}/comm")"
  done
}
sim_totals() { # connected charging callErrors timeouts reconnects, summed over the simulators' last stats lines
  local f
  for f in "${WORK}"/logs/simulator-"${PHASE}"-*.log; do
    [[ -f "${f}" ]] && grep -a 'connected ' "${f}" | tail -n 1
  done | awk '{
      for (i = 1; i <= NF; i++) {
        if ($i == "connected") { split($(i + 1), c, "/"); con += c[1] }
        if ($i == "charging") chg += $(i + 1)
        if ($i == "callErrors") ce += $(i + 1)
        if ($i == "timeouts") to += $(i + 1)
        if ($i == "reconnects") rc += $(i + 1)
      }
    } END { printf "%d %d %d %d %d\n", con, chg, ce, to, rc }'
}

rows=""
threads_table=""
held=0
held_cpu=""
idle_live=""
# measure LABEL TARGET: one window; appends a table row.
measure() {
  local label="$1" target="$2"
  local p0 p1 t0 t1 d0 d1 s0 s1 i0 i1 m0 m1 mt0 mt1 heap sum=0 max=0 n=0 min_conn=999999 conn
  local threads0 threads1
  p0="$(prom)"
  threads0="$(threads)"
  t0="$(date +%s%N)"
  d0="$(bench_ticks "${DEVICE_PID}")"; s0="$(sum_ticks "${SIM_PIDS[@]}")"; i0="$(sum_ticks $(infra_pids))"
  read -r m0 mt0 < <(bench_machine_ticks)
  local end=$(( $(date +%s) + (target > 0 ? WINDOW : IDLE_WINDOW) ))
  while (( $(date +%s) < end )); do
    sleep 5
    local text; text="$(prom)"
    heap="$(bench_prom_sum "${text}" 'jvm_memory_used_bytes{area="heap"')"
    conn="$(bench_prom_sum "${text}" 'ocpp_connections')"
    sum=$(( sum + heap )); n=$(( n + 1 )); (( heap > max )) && max="${heap}"
    (( conn < min_conn )) && min_conn="${conn}"
  done
  t1="$(date +%s%N)"
  d1="$(bench_ticks "${DEVICE_PID}")"; s1="$(sum_ticks "${SIM_PIDS[@]}")"; i1="$(sum_ticks $(infra_pids))"
  read -r m1 mt1 < <(bench_machine_ticks)
  threads1="$(threads)"
  p1="$(prom)"
  local seconds cpu sim infra machine other gc msgs meter heartbeats
  seconds="$(awk -v a="${t0}" -v b="${t1}" 'BEGIN {printf "%.3f", (b - a) / 1e9}')"
  cpu="$(awk -v d=$(( d1 - d0 )) -v s="${seconds}" -v hz="${HZ}" -v c="${CORES}" 'BEGIN {printf "%.1f", 100 * d / hz / s / c}')"
  sim="$(awk -v d=$(( s1 - s0 )) -v s="${seconds}" -v hz="${HZ}" -v c="${CORES}" 'BEGIN {printf "%.1f", 100 * d / hz / s / c}')"
  infra="$(awk -v d=$(( i1 - i0 )) -v s="${seconds}" -v hz="${HZ}" -v c="${CORES}" 'BEGIN {printf "%.1f", 100 * d / hz / s / c}')"
  machine="$(awk -v b=$(( m1 - m0 )) -v t=$(( mt1 - mt0 )) 'BEGIN {printf "%.0f", 100 * b / t}')"
  other="$(awk -v m="${machine}" -v a="${cpu}" -v b="${sim}" -v c="${infra}" 'BEGIN {o = m - a - b - c; printf "%.0f", (o < 0 ? 0 : o)}')"
  gc="$(awk -v a="$(bench_prom_sum "${p0}" 'jvm_gc_pause_seconds_sum')" -v b="$(bench_prom_sum "${p1}" 'jvm_gc_pause_seconds_sum')" -v s="${seconds}" 'BEGIN {printf "%.1f", 100 * (b - a) / s}')"
  rate() { awk -v a="$(bench_prom_sum "${p0}" "$1")" -v b="$(bench_prom_sum "${p1}" "$1")" -v s="${seconds}" 'BEGIN {printf "%.1f", (b - a) / s}'; }
  msgs="$(rate 'ocpp_messages_received_total')"
  meter="$(rate 'ocpp_messages_received_total{action="MeterValues"')"
  heartbeats="$(rate 'ocpp_messages_received_total{action="Heartbeat"')"
  conn="$(bench_prom_sum "${p1}" 'ocpp_connections')"
  (( min_conn == 999999 )) && min_conn="${conn}"
  local pending callerrors refused live
  pending="$(bench_prom_sum "${p1}" 'messaging_outbox_pending')"
  callerrors="$(bench_prom_sum "${p1}" 'ocpp_callerrors_sent_total')"
  refused="$(bench_prom_sum "${p1}" 'ocpp_handshakes_refused_total')"
  # The live heap: after a full GC (the class histogram's), outside the window.
  "${JAVA_HOME}/bin/jcmd" "${DEVICE_PID}" GC.class_histogram >"${WORK}/logs/histogram-${PHASE}-${target}.txt" 2>&1 || true
  sleep 2
  live="$(heap_bytes)"
  local mb_avg mb_max mb_live
  mb_avg=$(( sum / (n > 0 ? n : 1) / 1048576 )); mb_max=$(( max / 1048576 )); mb_live=$(( live / 1048576 ))
  local sim_con sim_chg sim_ce sim_to sim_rc
  read -r sim_con sim_chg sim_ce sim_to sim_rc < <(sim_totals)
  local ok="yes"
  if (( target > 0 )); then
    awk -v c="${cpu}" -v l="${CPU_LIMIT}" 'BEGIN {exit !(c < l)}' || ok="no (CPU)"
    awk -v g="${gc}" 'BEGIN {exit !(g < 10)}' || ok="no (GC)"
    if [[ "${PHASE}" == 1 ]]; then
      (( mb_live < 512 )) || ok="no (heap)"
    else
      (( mb_live < 512 )) || ok="CPU yes; heap ${mb_live} MB live"
    fi
    (( min_conn >= target )) || ok="no (connections)"
    dead && ok="no (device-service out of memory)"
  fi
  [[ -z "${idle_live}" ]] && idle_live="${mb_live}"
  echo "${label}: connected ${conn} (min ${min_conn}) of ${target}, cpu ${cpu}% heap avg ${mb_avg} max ${mb_max} live ${mb_live} MB," \
    "msgs/s ${msgs} (MeterValues ${meter}, Heartbeat ${heartbeats}), GC pauses ${gc}%, simulators ${sim}%, infra ${infra}%, other ${other}%, machine ${machine}%," \
    "outbox pending ${pending}, server CALLERRORs ${callerrors}, refused ${refused}, simulator charging ${sim_chg} callErrors ${sim_ce} timeouts ${sim_to} reconnects ${sim_rc}"
  rows+="| ${PHASE_LABEL} | ${label} | ${conn} (min ${min_conn}) | ${sim_chg} | **${cpu} %** | ${mb_avg} / ${mb_max} | ${mb_live} | ${gc} % | ${msgs} (${meter} MeterValues, ${heartbeats} Heartbeat) | ${callerrors} / ${refused} / ${sim_ce} / ${sim_to} / ${sim_rc} | ${pending} | ${sim} % | ${infra} % | ${other} % | ${machine} % | ${ok} |
"
  if [[ "${ok}" == yes && "${PHASE}" == 1 ]] && (( target > 0 )); then held="${target}"; held_cpu="${cpu}"; fi
  # Where device-service's CPU went in this window, by thread group (names without their numbers).
  threads_table="$(join -j 1 <(sort -k1,1 <<<"${threads0}") <(sort -k1,1 <<<"${threads1}") | awk -v s="${seconds}" -v hz="${HZ}" '
      { name = $5; gsub(/[#-]?[0-9]+$/, "", name); gsub(/-$/, "", name); used[name] += $4 - $2; count[name]++ }
      END { for (n in used) if (used[n] > 0) printf "%s\t%d\t%.1f\n", n, count[n], 100 * used[n] / hz / s }' | sort -t$'\t' -k3,3 -rn | head -n 8)"
  echo "${threads_table}" | sed 's/^/    /'
  LAST_CPU="${cpu}"; LAST_MB_MAX="${mb_max}"; LAST_LIVE="${mb_live}"; LAST_CONN="${conn}"; LAST_MSGS="${msgs}"
  LAST_TARGET="${target}"; LAST_OK="${ok}"; LAST_SIM_CHG="${sim_chg}"; LAST_LABEL="${PHASE_LABEL}, ${label}"
}


# ramp PHASE_STEPS...: connects the chargers step by step (one simulator JVM per step, each adding the
# difference) and measures each step; ends early when device-service runs out of memory.
ramp() {
  local previous=0 i target delta conn deadline group=0 taken=0
  local -a groups=()
  # Which registered groups (prefix, size) make up the chargers of each step.
  local -a sizes=()
  local p=0
  for i in "${!STEPS[@]}"; do sizes+=($(( STEPS[i] - p ))); p="${STEPS[i]}"; done
  if (( largest > p )); then sizes+=($(( largest - p ))); fi
  for target in "$@"; do
    delta=$(( target - previous )); previous="${target}"
    echo "phase ${PHASE} (${PHASE_LABEL}), step ${target}: connecting ${delta} more chargers at ${CONNECT_RATE}/s"
    # Take whole groups, in order, until the step is reached.
    local want="${delta}"
    while (( want > 0 )); do
      local size="${sizes[group]}" count
      count=$(( size - taken < want ? size - taken : want ))
      local ids_file="${WORK}/sim/ids-${PHASE}-${group}-${taken}.txt"
      local j
      for ((j = taken + 1; j <= taken + count; j++)); do printf '%s%04d\n' "${prefixes[group]}" "${j}"; done | paste -sd, >"${ids_file}"
      "${JAVA_HOME}/bin/java" -Xmx1g -jar "${WORK}/sim/simulator.jar" --url "ws://127.0.0.1:${PORT}/ocpp" \
        --id "@${ids_file}" --password "${PASSWORD}" --connectors 2 \
        --auto-charge-share 0.1 --keep-charging-on-invalid-id --meter-interval 15s --connect-rate "${CONNECT_RATE}" \
        --stats-interval 10s >"${WORK}/logs/simulator-${PHASE}-${#SIM_PIDS[@]}.log" 2>&1 </dev/null &
      SIM_PIDS+=($!)
      want=$(( want - count )); taken=$(( taken + count ))
      if (( taken == size )); then group=$(( group + 1 )); taken=0; fi
    done
    deadline=$(( $(date +%s) + delta / CONNECT_RATE + 120 ))
    local text seen=0
    while :; do
      text="$(prom)"
      conn="$(bench_prom_sum "${text}" 'ocpp_connections')"
      [[ -n "${text}" ]] && seen="${conn}"
      (( conn >= target )) && break
      if dead; then echo "device-service ran out of memory at about ${seen} connections"; break; fi
      if (( $(date +%s) > deadline )); then echo "only ${conn} of ${target} connected; measuring anyway"; break; fi
      sleep 2
    done
    if ! dead; then
      # Let the boot burst (BootNotification, StatusNotifications, StartTransactions) and the outbox drain.
      sleep "${SETTLE}"
      for _ in $(seq 1 30); do
        (( $(bench_prom_sum "$(prom)" 'messaging_outbox_pending') < 50 )) && break
        sleep 2
      done
    fi
    if dead; then
      echo "device-service is out of memory:"; grep -m 3 OutOfMemoryError "${WORK}/logs/device-service.log" || true
      local threads_failed
      threads_failed="$(grep -c OutOfMemoryError "${WORK}/logs/device-service.log" || true)"
      rows+="| ${PHASE_LABEL} | ${target} chargers | about ${seen} when it failed | | | | | | | **OutOfMemoryError: Java heap space** (${threads_failed} threads in the log); device-service stops answering, chargers time out and reconnect | | | | | | | no (heap) |
"
      LAST_TARGET="${target}"; LAST_OK="no (out of memory)"; LAST_CONN="${seen}"
      OOM_AT="${target}"; OOM_CONN="${seen}"
      return
    fi
    measure "${target} chargers" "${target}"
  done
}

OOM_AT=""
measure "idle (reference: no charger connected)" 0
ramp "${STEPS[@]}"
phase1_last="${LAST_TARGET}"
stop_phase
mv "${WORK}/logs/device-service.log" "${WORK}/logs/device-service-${HEAP}.log"
idle_live_512="${idle_live}"
threads_table_1="${threads_table}"

# Phase 2 only when phase 1 fell short: it shows what the shortfall costs and where the limit lies.
if (( ${#BIG_STEPS[@]} > 0 && held < STEPS[-1] )); then
  PHASE=2
  PHASE_LABEL="-Xmx${BIG_HEAP} (outside the target)"
  redis-cli -h "${REDIS_HOST:-127.0.0.1}" -p "${REDIS_PORT:-6379}" -n "${BENCH_REDIS_DB}" flushdb >/dev/null
  start_device "${BIG_HEAP}"
  ramp "${BIG_STEPS[@]}"
  big_cpu="${LAST_CPU}"; big_live="${LAST_LIVE}"; big_conn="${LAST_CONN}"; big_msgs="${LAST_MSGS}"; big_target="${LAST_TARGET}"
  stop_phase
  mv "${WORK}/logs/device-service.log" "${WORK}/logs/device-service-${BIG_HEAP}.log"
fi

# --- report --------------------------------------------------------------------------------------------
first_step="${STEPS[0]}"
first_live="$(awk '/\[C /{print "char[] " int($3 / 1048576) " MB in " $2 " arrays"; exit}' "${WORK}/logs/histogram-1-${first_step}.txt" 2>/dev/null || true)"
first_bytes="$(awk '/\[B /{print "byte[] " int($3 / 1048576) " MB in " $2 " arrays"; exit}' "${WORK}/logs/histogram-1-${first_step}.txt" 2>/dev/null || true)"
first_row_live="$(grep -F "| -Xmx${HEAP} | ${first_step} chargers |" <<<"${rows}" | awk -F'|' '{gsub(/ /, "", $8); print $8}')"
kib_per_conn="$(awk -v a="${idle_live_512}" -v b="${first_row_live:-0}" -v n="${first_step}" 'BEGIN {printf "%.0f", (b - a) * 1024 / n}')"
if (( held >= 10000 )); then
  verdict="**Target met**: 10,000 connected chargers with device-service below ${CPU_LIMIT} % CPU and a 512 MB heap (largest step held: ${held}, ${held_cpu} % CPU)."
else
  verdict="**Target not met**: with -Xmx${HEAP} the largest step held was ${held} connected chargers (${held_cpu:-n/a} % CPU)"
  [[ -n "${OOM_AT}" ]] && verdict+="; on the way to ${OOM_AT} device-service ran out of heap at about ${OOM_CONN} connections"
  verdict+="."
  [[ -n "${big_target:-}" ]] && verdict+=" With -Xmx${BIG_HEAP} (outside the target), ${big_conn} of ${big_target} chargers stayed connected at ${big_cpu} % CPU, ${big_msgs} OCPP messages/s, ${big_live} MB live heap."
fi
table="Measured $(date -u +%Y-%m-%dT%H:%MZ) on ${CORES} cores, $(uname -s) $(uname -m), Java $("${JAVA_HOME}/bin/java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.runtime.version/ {print $2}'), device-service ${gc_name:-default GC}; ${WINDOW} s window per step (idle: ${IDLE_WINDOW} s), from ${SETTLE} s after the last connect; chargers connected at ${CONNECT_RATE}/s straight to ws://127.0.0.1:${PORT}/ocpp (not through the gateway), heartbeat 60 s, 10 % charging with MeterValues every 15 s. Machine before the run: ${machine_before}.

| heap | step | connected (lowest in window) | charging | device-service CPU, % of ${CORES} cores | heap used avg / max MB | live heap after full GC, MB | GC pauses, % of window | OCPP messages/s received | errors: CALLERRORs sent / handshakes refused / simulator callErrors / timeouts / reconnects | outbox pending | simulators CPU | MariaDB + RabbitMQ + Redis CPU | other processes | machine busy | within limits |
|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|
${rows}
${verdict}

Heap per connected charger (live heap at ${first_step} chargers minus idle, divided by ${first_step}): about ${kib_per_conn} KiB; the class histogram at ${first_step} chargers has ${first_live:-?} and ${first_bytes:-?}.
Password check at a charger's first handshake: ${hash_ms} ms with the benchmark's bcrypt strength ${BCRYPT_STRENGTH}, ${platform_hash_ms} ms with the platform's strength 10 (then cached per charger).

device-service threads by CPU in the last window measured (${LAST_LABEL}), % of one core:

| thread group | threads | CPU, % of one core |
|---|---|---|
$(awk -F'\t' 'NF == 3 {printf "| %s | %s | %s |\n", $1, $2, $3}' <<<"${threads_table}")

Command: \`bin/platform bench device\` (script: \`bench/device-connections.sh\`; logs and heap histograms in \`bench/target/device-benchmark/logs\`). Each step starts one more simulator JVM: \`java -Xmx1g -jar charge-point-simulator.jar --url ws://127.0.0.1:${PORT}/ocpp --id @ids.txt --password ... --connectors 2 --auto-charge-share 0.1 --keep-charging-on-invalid-id --meter-interval 15s --connect-rate ${CONNECT_RATE}\`."
echo "${table}"
bench_write_report "${REPORT}" "<!-- device-benchmark:begin -->" "<!-- device-benchmark:end -->" \
  "## OCPP connections on one device-service" "${table}"
echo "logs: ${WORK}/logs"
