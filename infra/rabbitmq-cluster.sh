#!/usr/bin/env bash
# A 3-node RabbitMQ cluster on this machine, next to (never instead of) the machine's own node:
# nodes evc1@localhost, evc2@localhost and evc3@localhost on AMQP ports 5681-5683, each with its
# own distribution port, config, data and log directory, and no plugins. Nodes 2 and 3 join node 1.
#
#   infra/rabbitmq-cluster.sh start          start the three nodes and form the cluster (no-op when it runs)
#   infra/rabbitmq-cluster.sh stop           stop the three nodes (their data stays)
#   infra/rabbitmq-cluster.sh status         one line per node
#   infra/rabbitmq-cluster.sh stop-node N    stop node N (1-3) as an outage would
#   infra/rabbitmq-cluster.sh start-node N   start node N again; it rejoins the cluster
#   infra/rabbitmq-cluster.sh leader QUEUE   the node that leads quorum queue QUEUE (e.g. evc2@localhost)
#   infra/rabbitmq-cluster.sh addresses      the AMQP addresses, for RABBITMQ_ADDRESSES
#   infra/rabbitmq-cluster.sh reset          stop the nodes and delete their data
#
# Settings: EVC_RABBIT_DIR (default /var/tmp/evc-rabbit), EVC_RABBIT_PORT (the first AMQP port,
# default 5681; node N listens on PORT+N-1 and distributes on PORT+N-1+20000).
# As root, the nodes run as the rabbitmq user with the machine node's Erlang cookie
# (/var/lib/rabbitmq/.erlang.cookie); as anyone else, as that user with their own ~/.erlang.cookie.
set -euo pipefail

BASE_DIR="${EVC_RABBIT_DIR:-/var/tmp/evc-rabbit}"
FIRST_PORT="${EVC_RABBIT_PORT:-5681}"
NODES=(1 2 3)
START_TIMEOUT="${EVC_RABBIT_START_TIMEOUT:-90}"

say() { printf '%s\n' "$*"; }
die() { printf 'rabbitmq-cluster: %s\n' "$*" >&2; exit 1; }

node_name() { echo "evc$1@localhost"; }
amqp_port() { echo $((FIRST_PORT + $1 - 1)); }
dist_port() { echo $((FIRST_PORT + $1 - 1 + 20000)); }
node_dir() { echo "${BASE_DIR}/$1"; }

# --- Where RabbitMQ is and whom it runs as ----------------------------------------

# Debian/Ubuntu packages put the real scripts in /usr/lib/rabbitmq/bin and wrappers that switch to
# the rabbitmq user on the PATH; a generic install has only the real scripts on the PATH.
if [[ -x /usr/lib/rabbitmq/bin/rabbitmq-server ]]; then
  RABBIT_BIN=/usr/lib/rabbitmq/bin
elif command -v rabbitmq-server >/dev/null 2>&1; then
  RABBIT_BIN="$(dirname "$(command -v rabbitmq-server)")"
else
  die "rabbitmq-server is not installed (apt-get install rabbitmq-server); it is needed for the local 3-node cluster"
fi
command -v erl >/dev/null 2>&1 || [[ -x /usr/lib/erlang/bin/erl ]] || die "Erlang (erl) is not installed; RabbitMQ needs it"

RUN_AS=""
RUN_HOME="${HOME}"
if [[ "$(id -u)" == 0 ]] && id rabbitmq >/dev/null 2>&1; then
  RUN_AS=rabbitmq
  RUN_HOME="$(getent passwd rabbitmq | cut -d: -f6)"
  [[ -f "${RUN_HOME}/.erlang.cookie" ]] || die "no Erlang cookie at ${RUN_HOME}/.erlang.cookie (the machine's RabbitMQ node creates it when it first starts)"
fi

# The node's settings, as RabbitMQ's own environment variables. A file per node, also handed to
# every CLI call, so the machine's /etc/rabbitmq files (its node's name, port and plugins) never apply.
write_node_files() {
  local n="$1" dir
  dir="$(node_dir "$n")"
  mkdir -p "${dir}/mnesia" "${dir}/log"
  cat >"${dir}/rabbitmq.conf" <<EOF
listeners.tcp.local = 127.0.0.1:$(amqp_port "$n")
# Of three nodes, the one cut off from the other two pauses rather than serving a split brain.
cluster_partition_handling = pause_minority
EOF
  printf '[].\n' >"${dir}/enabled_plugins"
  cat >"${dir}/rabbitmq-env.conf" <<EOF
NODENAME=$(node_name "$n")
DIST_PORT=$(dist_port "$n")
CONFIG_FILE=${dir}/rabbitmq.conf
ADVANCED_CONFIG_FILE=${dir}/advanced.config
ENABLED_PLUGINS_FILE=${dir}/enabled_plugins
MNESIA_BASE=${dir}/mnesia
LOG_BASE=${dir}/log
PID_FILE=${dir}/rabbitmq.pid
ERL_EPMD_ADDRESS=127.0.0.1
export ERL_FLAGS="-kernel inet_dist_use_interface {127,0,0,1}"
EOF
  if [[ -n "${RUN_AS}" ]]; then
    chown -R "${RUN_AS}:" "${dir}"
  fi
}

# Runs a RabbitMQ script for node N as the node's user, with the node's environment.
rabbit() { # N SCRIPT ARGS...
  local n="$1" script="$2" dir
  shift 2
  dir="$(node_dir "$n")"
  local -a env=(env HOME="${RUN_HOME}" RABBITMQ_CONF_ENV_FILE="${dir}/rabbitmq-env.conf"
    RABBITMQ_NODENAME="$(node_name "$n")" RABBITMQ_DIST_PORT="$(dist_port "$n")"
    RABBITMQ_CONFIG_FILE="${dir}/rabbitmq.conf" RABBITMQ_ADVANCED_CONFIG_FILE="${dir}/advanced.config"
    RABBITMQ_ENABLED_PLUGINS_FILE="${dir}/enabled_plugins" RABBITMQ_MNESIA_BASE="${dir}/mnesia"
    RABBITMQ_LOG_BASE="${dir}/log" RABBITMQ_PID_FILE="${dir}/rabbitmq.pid")
  if [[ -n "${RUN_AS}" ]]; then
    (cd "${dir}" && runuser -u "${RUN_AS}" -- "${env[@]}" "${RABBIT_BIN}/${script}" "$@")
  else
    (cd "${dir}" && "${env[@]}" "${RABBIT_BIN}/${script}" "$@")
  fi
}

ctl() { # N ARGS... : rabbitmqctl against node N
  local n="$1"
  shift
  rabbit "$n" rabbitmqctl -q -n "$(node_name "$n")" "$@"
}

port_open() {
  timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1" 2>/dev/null
}

node_up() { # the Erlang node answers (its application may be stopped)
  ctl "$1" --timeout 5 eval 'ok.' >/dev/null 2>&1
}

app_running() { # the node answers and RabbitMQ runs in it
  node_up "$1" && port_open "$(amqp_port "$1")"
}

port_taken_by_other() { # something else listens on node N's ports
  local n="$1"
  ! node_up "$n" && { port_open "$(amqp_port "$n")" || port_open "$(dist_port "$n")"; }
}

wait_running() { # N
  local n="$1" i
  for ((i = 0; i < START_TIMEOUT; i++)); do
    app_running "$n" && return 0
    sleep 1
  done
  die "node $(node_name "$n") did not open port $(amqp_port "$n") within ${START_TIMEOUT} s; its log: $(ls "$(node_dir "$n")"/log/*.log 2>/dev/null | head -1)"
}

launch_node() { # N: starts the Erlang node (and RabbitMQ in it) unless it runs; does not wait
  local n="$1"
  if app_running "$n"; then
    return 0
  fi
  if node_up "$n"; then
    ctl "$n" start_app
  else
    port_taken_by_other "$n" && die "port $(amqp_port "$n") or $(dist_port "$n") is taken by another process; set EVC_RABBIT_PORT to another first port"
    write_node_files "$n"
    rabbit "$n" rabbitmq-server -detached >/dev/null 2>"$(node_dir "$n")/log/startup_err" \
      || die "rabbitmq-server for $(node_name "$n") failed: $(cat "$(node_dir "$n")/log/startup_err")"
  fi
}

start_node() { # N
  launch_node "$1"
  wait_running "$1"
}

members() { # N: the running members of node N's cluster, one per line
  ctl "$1" cluster_status --formatter json 2>/dev/null | tr -d '[:space:]' \
    | grep -o '"running_nodes":\[[^]]*\]' | grep -o 'evc[0-9]*@[a-z0-9.-]*' || true
}

in_cluster_of_first() { # N: node N is a disc member of node 1's cluster
  ctl 1 cluster_status --formatter json 2>/dev/null | tr -d '[:space:]' \
    | grep -o '"disk_nodes":\[[^]]*\]' | grep -q "\"$(node_name "$1")\""
}

join_first() { # N
  local n="$1"
  in_cluster_of_first "$n" && return 0
  say "$(node_name "$n") joins $(node_name 1)"
  local output
  output="$( { ctl "$n" stop_app && ctl "$n" reset && ctl "$n" join_cluster "$(node_name 1)" && ctl "$n" start_app; } 2>&1 )" \
    || die "$(node_name "$n") could not join $(node_name 1): ${output}"
  wait_running "$n"
}

all_ports_open() {
  local n
  for n in "${NODES[@]}"; do port_open "$(amqp_port "$n")" || return 1; done
}

start() {
  local n
  # Already running as one cluster: nothing to do (one CLI call).
  if all_ports_open && (( $(members 1 | wc -l) == 3 )); then
    say "cluster of 3 nodes already running: $(addresses)"
    return 0
  fi
  # The nodes start side by side: a node that was clustered waits for its peers as it boots.
  for n in "${NODES[@]}"; do launch_node "$n"; done
  for n in "${NODES[@]}"; do wait_running "$n"; done
  for n in 2 3; do join_first "$n"; done
  local count
  count="$(members 1 | wc -l)"
  (( count == 3 )) || die "the cluster has ${count} running nodes instead of 3: $(members 1 | tr '\n' ' ')"
  say "cluster of 3 nodes running: $(addresses)"
}

stop_node() { # N
  local n="$1"
  [[ "$n" =~ ^[1-3]$ ]] || die "no node '$n': nodes are 1, 2 and 3"
  if node_up "$n"; then
    ctl "$n" stop >/dev/null
  fi
  local i
  for ((i = 0; i < 30; i++)); do
    port_open "$(amqp_port "$n")" || return 0
    sleep 1
  done
  die "node $(node_name "$n") still listens on $(amqp_port "$n") after 30 s"
}

stop() {
  local n
  # The last to stop is the first to start again: stop node 1 last.
  for n in 3 2 1; do stop_node "$n"; done
  say "cluster stopped"
}

status() {
  local n state
  printf '%-16s %-6s %-8s %s\n' NODE PORT STATE "RUNNING MEMBERS"
  for n in "${NODES[@]}"; do
    if app_running "$n"; then state=running
    elif node_up "$n"; then state=app-stopped
    else state=stopped
    fi
    printf '%-16s %-6s %-8s %s\n' "$(node_name "$n")" "$(amqp_port "$n")" "${state}" \
      "$([[ "${state}" == running ]] && members "$n" | tr '\n' ' ')"
  done
}

leader() { # QUEUE: asks the running nodes in turn
  local queue="$1" n line
  [[ -n "${queue}" ]] || die "usage: rabbitmq-cluster.sh leader QUEUE"
  for n in "${NODES[@]}"; do
    app_running "$n" || continue
    line="$(ctl "$n" list_queues --no-table-headers name leader 2>/dev/null | awk -v q="${queue}" '$1 == q {print $2}')"
    if [[ -n "${line}" ]]; then
      echo "${line}"
      return 0
    fi
    die "no queue ${queue} on the cluster (or it has no leader)"
  done
  die "no node of the cluster is running"
}

addresses() {
  local n list=()
  for n in "${NODES[@]}"; do list+=("127.0.0.1:$(amqp_port "$n")"); done
  (IFS=,; echo "${list[*]}")
}

reset() {
  stop
  rm -rf "${BASE_DIR}"
  say "cluster data deleted (${BASE_DIR})"
}

node_arg() {
  [[ "${1:-}" =~ ^[1-3]$ ]] || die "usage: rabbitmq-cluster.sh $2 N (N is 1, 2 or 3)"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  stop-node) node_arg "${2:-}" stop-node; stop_node "$2"; say "$(node_name "$2") stopped" ;;
  start-node) node_arg "${2:-}" start-node; start_node "$2"; say "$(node_name "$2") running" ;;
  leader) leader "${2:-}" ;;
  addresses) addresses ;;
  reset) reset ;;
  *) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
