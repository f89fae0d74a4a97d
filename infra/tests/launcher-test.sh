#!/usr/bin/env bash
# Checks of bin/platform's infrastructure handling against this machine's real services.
# Run by `bin/platform test` before the Maven build; each check prints one line.
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
PLATFORM="${ROOT}/bin/platform"
CHECKS_NAME=launcher
# shellcheck source=checks.sh
source "${ROOT}/infra/tests/checks.sh"

rabbit_port_open() { timeout 2 bash -c 'exec 3<>/dev/tcp/127.0.0.1/5672' 2>/dev/null; }

starts_rabbitmq_when_its_app_is_stopped() {
  rabbitmqctl -q stop_app >/dev/null || return 1
  rabbit_port_open && return 1
  "${PLATFORM}" infra >/dev/null && rabbit_port_open
}

starts_rabbitmq_when_its_node_is_down() {
  rabbitmqctl -q stop >/dev/null || return 1
  rabbit_port_open && return 1
  "${PLATFORM}" infra >/dev/null && rabbit_port_open
}

names_rabbitmq_when_it_cannot_be_started() {
  # A PATH without RabbitMQ's commands and a port nothing listens on: as on a machine
  # where RabbitMQ is not installed.
  local output status
  output="$(PATH=/usr/local/bin:/usr/bin:/bin RABBITMQ_PORT=5999 "${PLATFORM}" infra 2>&1)"
  status=$?
  [[ ${status} -ne 0 ]] && [[ "$(grep -c 'RabbitMQ' <<<"${output}")" -ge 1 ]] \
    && [[ "$(tail -n 1 <<<"${output}")" == *"RabbitMQ is not running on 127.0.0.1:5999 and could not be started"* ]]
}

if command -v rabbitmqctl >/dev/null && [[ "${RABBITMQ_HOST:-127.0.0.1}" == 127.0.0.1 ]]; then
  check "bin/platform starts RabbitMQ's application after stop_app" starts_rabbitmq_when_its_app_is_stopped
  check "bin/platform starts a stopped RabbitMQ node" starts_rabbitmq_when_its_node_is_down
else
  printf 'launcher: RabbitMQ is not local here; start/stop checks need a local node\n'
  failed=$((failed + 1))
fi
check "bin/platform names RabbitMQ in one line when it cannot start it" names_rabbitmq_when_it_cannot_be_started

checks_summary
