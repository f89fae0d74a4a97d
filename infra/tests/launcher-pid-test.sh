#!/usr/bin/env bash
# Checks that bin/platform tells a running service from a pid file that lies: the service was
# killed a moment ago (not yet reaped), or its pid now belongs to another process. `up` must
# restart such a service instead of skipping it. Touches no infrastructure and no real service:
# the "services" are idle bash processes whose command line names a service jar.
# Run by `bin/platform test`; each check prints one line.
set -uo pipefail

# shellcheck source=../../bin/platform
source "$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)/bin/platform"
set +e
RUN_DIR="$(mktemp -d)"
CHECKS_NAME=launcher
# shellcheck source=checks.sh
source "${ROOT}/infra/tests/checks.sh"
started=()

cleanup() {
  local pid
  exec 2>/dev/null
  for pid in "${started[@]}"; do kill -KILL "${pid}" 2>/dev/null; done
  wait 2>/dev/null
  rm -rf "${RUN_DIR}"
}
trap cleanup EXIT

# Waits up to 300 s in bash itself (a read on a FIFO nobody writes), so killing it leaves no child.
WAIT_IN_BASH='read -r -t 300 _ <>"$0"; :'
mkfifo "${RUN_DIR}/never"

# A process whose command line is "... java -jar <the service's jar>", as `up` starts it; its
# pid in ${fake}.
fake_service() { # name
  bash -c "${WAIT_IN_BASH}" "${RUN_DIR}/never" java -Xmx1m -jar "$(jar_of "$1")" </dev/null >/dev/null 2>&1 &
  fake=$!
  started+=("${fake}")
}

state_is() { # pid state: waits up to 5 s for /proc/PID/stat to show that state
  local i stat
  for ((i = 0; i < 50; i++)); do
    stat="$(cat "/proc/$1/stat" 2>/dev/null)"
    [[ "${stat##*) }" == "$2 "* ]] && return 0
    sleep 0.1
  done
  return 1
}

finds_a_running_service() {
  fake_service auth-service
  echo "${fake}" >"${RUN_DIR}/auth-service.pid"
  [[ "$(pid_of auth-service)" == "${fake}" ]]
}

ignores_a_pid_that_another_program_holds() {
  bash -c "${WAIT_IN_BASH}" "${RUN_DIR}/never" </dev/null >/dev/null 2>&1 &
  started+=($!)
  echo $! >"${RUN_DIR}/order-service.pid"
  kill -0 "$!" && [[ -z "$(pid_of order-service)" ]]
}

ignores_a_pid_that_another_service_holds() {
  fake_service device-service
  echo "${fake}" >"${RUN_DIR}/charging-service.pid"
  [[ -z "$(pid_of charging-service)" ]]
}

ignores_a_killed_service_not_yet_reaped() {
  # Its parent never reaps it (it execs into sleep), so the killed service stays a zombie,
  # which answers `kill -0` like a live process.
  local parent_pid_file="${RUN_DIR}/parent" pid i
  bash -c 'bash -c "$3" "$4" java -jar "$1" </dev/null >/dev/null 2>&1 & echo $! >"$2"; exec sleep 300' \
    parent "$(jar_of gateway-service)" "${parent_pid_file}" "${WAIT_IN_BASH}" "${RUN_DIR}/never" \
    </dev/null >/dev/null 2>&1 &
  started+=($!)
  for ((i = 0; i < 50; i++)); do
    [[ -s "${parent_pid_file}" ]] && break
    sleep 0.1
  done
  pid="$(cat "${parent_pid_file}")"
  started+=("${pid}")
  echo "${pid}" >"${RUN_DIR}/gateway-service.pid"
  [[ "$(pid_of gateway-service)" == "${pid}" ]] || return 1
  kill -KILL "${pid}"
  state_is "${pid}" Z && kill -0 "${pid}" && [[ -z "$(pid_of gateway-service)" ]]
}

ignores_a_pid_file_of_a_process_gone() {
  echo 999999999 >"${RUN_DIR}/reconciliation-service.pid"
  [[ -z "$(pid_of reconciliation-service)" ]]
}

check "bin/platform finds a service it started" finds_a_running_service
check "bin/platform does not take another program holding the pid for the service" \
  ignores_a_pid_that_another_program_holds
check "bin/platform does not take another service holding the pid for this one" \
  ignores_a_pid_that_another_service_holds
check "bin/platform does not take a killed service, not yet reaped, for running" \
  ignores_a_killed_service_not_yet_reaped
check "bin/platform does not take a pid file of a process gone for running" ignores_a_pid_file_of_a_process_gone

checks_summary
