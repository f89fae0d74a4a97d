# Sourced by the benchmarks that start their own service instances (bench/device-connections.sh,
# bench/charging-latency.sh). Everything they touch is their own, so a platform started with
# `bin/platform up` (or another run) on the same machine neither sees nor disturbs their data:
#
#   - ports 18080-18085 (the gateway and the five services, in the usual order);
#   - schemas bench_auth, bench_device, ... (dropped and created afresh each run; each service keeps
#     its own DB user, which is granted its bench schema);
#   - the RabbitMQ virtual host ev-bench (deleted and created afresh: no queue of the platform's
#     consumers can take the benchmark's messages, and no backlog is left behind for them);
#   - Redis database 9 (flushed).
#
# The machine's CPU is shared all the same: bench_machine_check says what else was busy.
# Needs: mariadb (or mysql) client, rabbitmqctl, redis-cli, curl, a JDK in JAVA_HOME.

BENCH_VHOST="${BENCH_RABBITMQ_VHOST:-ev-bench}"
BENCH_REDIS_DB="${BENCH_REDIS_DB:-9}"
BENCH_DB_HOST="${DB_HOST:-127.0.0.1}"
BENCH_DB_PORT="${DB_PORT:-3306}"
BENCH_VERSION="0.1.0-SNAPSHOT"
BENCH_PIDS=()

declare -A BENCH_PORT=([gateway-service]=18080 [auth-service]=18081 [device-service]=18082
  [charging-service]=18083 [order-service]=18084 [reconciliation-service]=18085)
declare -A BENCH_SCHEMA=([auth-service]=auth [device-service]=device [charging-service]=charging
  [order-service]=orders [reconciliation-service]=reconciliation)

bench_sql() { # [database] < SQL
  local client
  client="$(command -v mariadb || command -v mysql)" || { echo "no mariadb/mysql client" >&2; return 1; }
  local -a args=(-h "${BENCH_DB_HOST}" -P "${BENCH_DB_PORT}" -u "${DB_ROOT_USER:-root}" -N -B)
  [[ -n "${DB_ROOT_PASSWORD:-}" ]] && args+=(-p"${DB_ROOT_PASSWORD}")
  "${client}" "${args[@]}" "$@"
}

# bench_reset SERVICE...: fresh schemas for these services, a fresh vhost, an empty Redis database.
bench_reset() {
  local name schema
  for name in "$@"; do
    schema="${BENCH_SCHEMA[${name}]:-}"
    [[ -n "${schema}" ]] || continue
    bench_sql <<SQL
DROP DATABASE IF EXISTS \`bench_${schema}\`;
CREATE DATABASE \`bench_${schema}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;
GRANT ALL PRIVILEGES ON \`bench_${schema}\`.* TO '${schema}'@'%';
SQL
  done
  command -v rabbitmqctl >/dev/null || { echo "rabbitmqctl is needed to create the vhost ${BENCH_VHOST}" >&2; return 1; }
  local i
  # The broker's app may be briefly stopped (the launcher's own tests stop and start it): wait for it.
  for ((i = 0; i < 60; i++)); do
    rabbitmqctl -q list_vhosts >/dev/null 2>&1 && break
    sleep 2
  done
  rabbitmqctl -q delete_vhost "${BENCH_VHOST}" >/dev/null 2>&1 || true
  rabbitmqctl -q add_vhost "${BENCH_VHOST}" >/dev/null
  rabbitmqctl -q set_permissions -p "${BENCH_VHOST}" "${RABBITMQ_USERNAME:-guest}" '.*' '.*' '.*' >/dev/null
  redis-cli -h "${REDIS_HOST:-127.0.0.1}" -p "${REDIS_PORT:-6379}" ${REDIS_PASSWORD:+-a "${REDIS_PASSWORD}"} \
    -n "${BENCH_REDIS_DB}" flushdb >/dev/null
}

# bench_copy_jars WORK SERVICE...: runs copies, so a rebuild during the run cannot pull a jar away.
bench_copy_jars() {
  local work="$1" name; shift
  mkdir -p "${work}/jars"
  for name in "$@"; do
    cp "${ROOT}/${name}/target/${name}-${BENCH_VERSION}.jar" "${work}/jars/${name}.jar"
  done
}

# The bench module's classpath, with this checkout's own modules (target/classes) in place of their jars in
# the local Maven repository: that repository is shared, and another checkout's install can replace a jar
# there between this checkout's build and its run.
bench_classpath() {
  local entry module out="${ROOT}/bench/target/classes"
  while IFS= read -r entry; do
    module="$(sed -n 's#.*/com/evplatform/\([^/]*\)/.*#\1#p' <<<"${entry}")"
    if [[ -n "${module}" && -d "${ROOT}/${module}/target/classes" ]]; then
      entry="${ROOT}/${module}/target/classes"
    fi
    out+=":${entry}"
  done < <(tr ':' '\n' <"${ROOT}/bench/target/bench.classpath")
  echo "${out}"
}

# bench_start WORK SERVICE HEAP [VAR=value ...]: starts one service in the background on its bench port.
bench_start() {
  local work="$1" name="$2" heap="$3"; shift 3
  local port="${BENCH_PORT[${name}]}" schema="${BENCH_SCHEMA[${name}]:-}"
  local -a vars=(SERVER_PORT="${port}" RABBITMQ_VHOST="${BENCH_VHOST}" SPRING_DATA_REDIS_DATABASE="${BENCH_REDIS_DB}"
    AUTH_JWKS_URI="http://127.0.0.1:${BENCH_PORT[auth-service]}/api/auth/jwks"
    DEVICE_KEY_SECRET="${DEVICE_KEY_SECRET:-bench-only-device-key-secret-0123456789}")
  [[ -n "${schema}" ]] && vars+=(DB_URL="jdbc:${DB_KIND:-mariadb}://${BENCH_DB_HOST}:${BENCH_DB_PORT}/bench_${schema}")
  mkdir -p "${work}/logs"
  env "${vars[@]}" "$@" "${JAVA_HOME}/bin/java" -Xmx"${heap}" ${BENCH_SERVICE_JAVA_OPTS:-} \
    -jar "${work}/jars/${name}.jar" >"${work}/logs/${name}.log" 2>&1 </dev/null &
  BENCH_PIDS+=($!)
  printf -v "BENCH_PID_${name//-/_}" '%s' "$!"
}

# bench_start_alone WORK SERVICE HEAP [VAR=value ...]: a fresh work directory, what the machine was doing before
# (printed and kept in BENCH_MACHINE_BEFORE), then SERVICE alone on a fresh schema, vhost and Redis database,
# started as bench_start does and waited for until it is ready.
bench_start_alone() {
  local work="$1" name="$2" started_at
  rm -rf "${work}" && mkdir -p "${work}/logs"
  BENCH_MACHINE_BEFORE="$(bench_machine_check 5)"
  echo "machine before the run: ${BENCH_MACHINE_BEFORE}"
  bench_copy_jars "${work}" "${name}"
  bench_reset "${name}"
  started_at=${SECONDS}
  bench_start "$@"
  bench_wait_ready "${work}" "${name}"
  echo "${name} ready in $(( SECONDS - started_at )) s"
}

# bench_fresh_work WORK: raises the open-files limit as far as allowed (one WebSocket per simulated charger on
# each side), empties WORK (with sim/ and logs/ in it), and prints what the machine was doing, also kept in
# BENCH_MACHINE_BEFORE.
bench_fresh_work() {
  ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"
  rm -rf "$1" && mkdir -p "$1/sim" "$1/logs"
  BENCH_MACHINE_BEFORE="$(bench_machine_check 5)"
  echo "machine before the run: ${BENCH_MACHINE_BEFORE}"
}

# bench_copy_simulator WORK: the charge-point simulator's jar and libraries, as WORK/sim/simulator.jar.
bench_copy_simulator() {
  cp "${ROOT}/charge-point-simulator/target/charge-point-simulator-${BENCH_VERSION}.jar" "$1/sim/simulator.jar"
  cp -r "${ROOT}/charge-point-simulator/target/lib" "$1/sim/lib"
}

# bench_stop_process PID [SECONDS]: TERM, then KILL if it has not ended within SECONDS (60).
bench_stop_process() {
  [[ -n "$1" ]] || return 0
  kill -TERM "$1" 2>/dev/null || true
  timeout "${2:-60}" tail --pid="$1" -f /dev/null 2>/dev/null || kill -KILL "$1" 2>/dev/null || true
}

# bench_wait_ready WORK SERVICE...: waits until each answers its readiness probe.
bench_wait_ready() {
  local work="$1" name i; shift
  for name in "$@"; do
    for ((i = 0; i < 180; i++)); do
      curl -fs -o /dev/null "http://127.0.0.1:${BENCH_PORT[${name}]}/actuator/health/readiness" && continue 2
      local pid_var="BENCH_PID_${name//-/_}"
      if ! kill -0 "${!pid_var}" 2>/dev/null; then
        tail -n 30 "${work}/logs/${name}.log" >&2; echo "${name} exited during start-up" >&2; return 1
      fi
      sleep 1
    done
    tail -n 30 "${work}/logs/${name}.log" >&2; echo "${name} was not ready after 180 s" >&2; return 1
  done
}

# Stops what bench_start started (and any pids added to BENCH_PIDS), gracefully, then for good.
bench_stop_all() {
  local pid i alive
  for pid in "${BENCH_PIDS[@]}"; do kill -TERM "${pid}" 2>/dev/null || true; done
  for ((i = 0; i < 40; i++)); do
    alive=0
    for pid in "${BENCH_PIDS[@]}"; do kill -0 "${pid}" 2>/dev/null && alive=1; done
    (( alive == 0 )) && break
    sleep 1
  done
  for pid in "${BENCH_PIDS[@]}"; do kill -KILL "${pid}" 2>/dev/null || true; done
  BENCH_PIDS=()
}

# CPU ticks (user + system) a process has used so far.
bench_ticks() { awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0; }

# "busy total" ticks of the whole machine.
bench_machine_ticks() { awk '/^cpu / {print $2 + $3 + $4 + $7 + $8 + $9, $2 + $3 + $4 + $5 + $6 + $7 + $8 + $9}' /proc/stat; }

# Prints the machine's busy share (% of all cores) over SECONDS and the processes that used most CPU
# meanwhile, e.g. "3% busy; top: mariadbd 1%, java auth-service.jar 1%".
bench_machine_check() {
  python3 - "${1:-5}" <<'PY'
import os, sys, time
def snapshot():
    procs = {}
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            stat = open(f"/proc/{pid}/stat").read()
            fields = stat[stat.rindex(")") + 2:].split()
            ticks = int(fields[11]) + int(fields[12])
            cmd = open(f"/proc/{pid}/cmdline", "rb").read().split(b"\0")
            name = os.path.basename(cmd[0].decode(errors="replace")) or stat[stat.index("(") + 1:stat.rindex(")")]
            if name == "java":
                jar = next((c.decode(errors="replace") for c in cmd if c.endswith(b".jar")), None)
                main = next((c.decode(errors="replace") for c in reversed(cmd) if c.startswith(b"com.") or c.startswith(b"org.")), None)
                name = "java " + os.path.basename(jar or main or "?")
            procs[pid] = (name, ticks)
        except (OSError, ValueError, IndexError):
            pass
    cpu = open("/proc/stat").readline().split()[1:9]
    values = list(map(int, cpu))
    busy = values[0] + values[1] + values[2] + values[5] + values[6] + values[7]
    return procs, busy, sum(values)
seconds = float(sys.argv[1])
p0, b0, t0 = snapshot()
time.sleep(seconds)
p1, b1, t1 = snapshot()
total = max(t1 - t0, 1)
used = {}
for pid, (name, ticks) in p1.items():
    if pid in p0:
        used[name] = used.get(name, 0) + ticks - p0[pid][1]
top = sorted(used.items(), key=lambda item: -item[1])[:4]
top = [f"{name} {100 * ticks / total:.0f}%" for name, ticks in top if 100 * ticks / total >= 0.5]
print(f"{100 * (b1 - b0) / total:.0f}% busy" + ("; top: " + ", ".join(top) if top else ""))
PY
}

# Sum of a Prometheus metric's samples whose line starts with PREFIX (name, optionally with labels).
# Usage: bench_prom_sum TEXT PREFIX
bench_prom_sum() {
  awk -v p="$2" 'index($0, p) == 1 {s += $NF} END {printf "%.0f", s}' <<<"$1"
}

# Replaces what stands between BEGIN and END in the report with TABLE, or appends a section.
# Usage: bench_write_report REPORT BEGIN END HEADING TABLE
bench_write_report() {
  python3 - "$@" <<'PY'
import sys
path, begin, end, heading, table = sys.argv[1:6]
text = open(path).read()
if begin in text and end in text:
    start = text.index(begin) + len(begin)
    stop = text.index(end)
    text = text[:start] + "\n" + table + "\n" + text[stop:]
else:
    text = text.rstrip("\n") + "\n\n" + heading + "\n\n" + begin + "\n" + table + "\n" + end + "\n"
open(path, "w").write(text)
PY
}
