#!/usr/bin/env bash
# Gateway overhead: the same authenticated GET (/api/auth/me) straight to auth-service and
# through the gateway, in one run, with wrk. Writes its table into docs/benchmarks.md.
# Run through `bin/platform bench gateway` (which picks the JDK and builds the jars).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
REPORT="${REPORT:-${ROOT}/docs/benchmarks.md}"
DURATION="${DURATION:-20s}"
CONNECTIONS="${CONNECTIONS:-32}"
AUTH_PORT=18081
GATEWAY_PORT=18080
UNCACHED_GATEWAY_PORT=18090
WORK="$(mktemp -d)"
PIDS=()

cleanup() { for pid in "${PIDS[@]}"; do kill "${pid}" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

if ! command -v wrk >/dev/null; then
  echo "installing wrk (Debian package)"
  (apt-get install -y -qq wrk >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq wrk; }) \
    || { echo "wrk is needed: apt-get install wrk" >&2; exit 1; }
fi

start() { # name port jar args...
  local name="$1" port="$2" jar="$3"; shift 3
  "${JAVA_HOME}/bin/java" -Xmx384m -jar "${jar}" --server.port="${port}" "$@" >"${WORK}/${name}.log" 2>&1 &
  PIDS+=($!)
  for _ in $(seq 1 120); do
    curl -fs "http://127.0.0.1:${port}/actuator/health/readiness" >/dev/null && return 0
    sleep 1
  done
  tail -n 30 "${WORK}/${name}.log"; echo "${name} did not start" >&2; exit 1
}

start auth-service "${AUTH_PORT}" "${ROOT}/auth-service/target/auth-service-0.1.0-SNAPSHOT.jar" \
  --platform.auth.login.max-failures-per-address=1000000
start gateway-service "${GATEWAY_PORT}" "${ROOT}/gateway-service/target/gateway-service-0.1.0-SNAPSHOT.jar" \
  --AUTH_SERVICE_URL="http://127.0.0.1:${AUTH_PORT}" \
  --platform.security.jwks-uri="http://127.0.0.1:${AUTH_PORT}/api/auth/jwks" \
  --GATEWAY_RATE_PER_SECOND=1000000 --GATEWAY_RATE_BURST=1000000 \
  --logging.level.gateway.access=WARN
# The same gateway with its verified-token cache off: every request pays the RS256 check.
start gateway-uncached "${UNCACHED_GATEWAY_PORT}" "${ROOT}/gateway-service/target/gateway-service-0.1.0-SNAPSHOT.jar" \
  --AUTH_SERVICE_URL="http://127.0.0.1:${AUTH_PORT}" \
  --platform.security.jwks-uri="http://127.0.0.1:${AUTH_PORT}/api/auth/jwks" \
  --GATEWAY_RATE_PER_SECOND=1000000 --GATEWAY_RATE_BURST=1000000 \
  --logging.level.gateway.access=WARN --platform.gateway.verified-tokens=0

user="bench.$(date +%s)"
curl -fs -H 'Content-Type: application/json' -d "{\"username\":\"${user}\",\"password\":\"bench-password-1\"}" \
  "http://127.0.0.1:${AUTH_PORT}/api/auth/register" >/dev/null
token="$(curl -fs -H 'Content-Type: application/json' -d "{\"username\":\"${user}\",\"password\":\"bench-password-1\"}" \
  "http://127.0.0.1:${AUTH_PORT}/api/auth/login" | sed -E 's/.*"accessToken":"([^"]+)".*/\1/')"

run() { # url -> "rps p50 p99"
  wrk -t2 -c"${CONNECTIONS}" -d5s -H "Authorization: Bearer ${token}" "$1" >/dev/null  # warm-up
  local out
  out="$(wrk -t2 -c"${CONNECTIONS}" -d"${DURATION}" --latency -H "Authorization: Bearer ${token}" "$1")"
  echo "${out}" >"${WORK}/wrk-$(echo "$1" | tr -c 'a-z0-9' '_').txt"
  local rps p50 p99 non2xx
  rps="$(awk '/Requests\/sec/ {print $2}' <<<"${out}")"
  p50="$(awk '$1=="50%" {print $2}' <<<"${out}")"
  p99="$(awk '$1=="99%" {print $2}' <<<"${out}")"
  non2xx="$(awk '/Non-2xx/ {print $4}' <<<"${out}")"
  echo "${rps} ${p50} ${p99} ${non2xx:-0}"
}

single() { # url -> "p50 p99" with one connection: latency without queueing
  local out
  out="$(wrk -t1 -c1 -d10s --latency -H "Authorization: Bearer ${token}" "$1")"
  echo "$(awk '$1=="50%" {print $2}' <<<"${out}") $(awk '$1=="99%" {print $2}' <<<"${out}")"
}

read -r direct_rps direct_p50 direct_p99 direct_errors < <(run "http://127.0.0.1:${AUTH_PORT}/api/auth/me")
read -r gateway_rps gateway_p50 gateway_p99 gateway_errors < <(run "http://127.0.0.1:${GATEWAY_PORT}/api/auth/me")
read -r uncached_rps uncached_p50 uncached_p99 uncached_errors < <(run "http://127.0.0.1:${UNCACHED_GATEWAY_PORT}/api/auth/me")
read -r direct_p50_1 direct_p99_1 < <(single "http://127.0.0.1:${AUTH_PORT}/api/auth/me")
read -r uncached_p50_1 uncached_p99_1 < <(single "http://127.0.0.1:${UNCACHED_GATEWAY_PORT}/api/auth/me")
read -r gateway_p50_1 gateway_p99_1 < <(single "http://127.0.0.1:${GATEWAY_PORT}/api/auth/me")

ratio="$(awk -v g="${gateway_rps}" -v d="${direct_rps}" 'BEGIN {printf "%.0f%%", 100 * g / d}')"
uncached_ratio="$(awk -v g="${uncached_rps}" -v d="${direct_rps}" 'BEGIN {printf "%.0f%%", 100 * g / d}')"
to_ms() { awk -v v="$1" 'BEGIN { if (v ~ /us$/) {sub(/us$/,"",v); printf "%.2f", v/1000} else if (v ~ /ms$/) {sub(/ms$/,"",v); printf "%.2f", v} else if (v ~ /s$/) {sub(/s$/,"",v); printf "%.2f", v*1000} else print v }'; }
added_p50="$(awk -v g="$(to_ms "${gateway_p50_1}")" -v d="$(to_ms "${direct_p50_1}")" 'BEGIN {printf "%.2f", g - d}')"
uncached_added_p50="$(awk -v g="$(to_ms "${uncached_p50_1}")" -v d="$(to_ms "${direct_p50_1}")" 'BEGIN {printf "%.2f", g - d}')"

table="Measured $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores; wrk ${CONNECTIONS} connections, 2 threads, ${DURATION} after a 5 s warm-up, on the same machine as the services.

| path | requests/s (${CONNECTIONS} conn.) | p50 | p99 | non-2xx | p50 / p99 at 1 connection |
|---|---|---|---|---|---|
| GET /api/auth/me straight to auth-service | ${direct_rps} | ${direct_p50} | ${direct_p99} | ${direct_errors} | ${direct_p50_1} / ${direct_p99_1} |
| the same through the gateway (JWT check from its verified-token cache, rate limiter in Redis, circuit breaker, proxy) | ${gateway_rps} | ${gateway_p50} | ${gateway_p99} | ${gateway_errors} | ${gateway_p50_1} / ${gateway_p99_1} |
| the same through a second gateway with the token cache off (RS256 check on every request) | ${uncached_rps} | ${uncached_p50} | ${uncached_p99} | ${uncached_errors} | ${uncached_p50_1} / ${uncached_p99_1} |

Through the gateway: ${ratio} of direct throughput and ${added_p50} ms added at p50 with one connection (no queueing); with the token cache off: ${uncached_ratio} and ${uncached_added_p50} ms. One token is sent for the whole run, as an app sends its token for its 15-minute life.
Command: \`bin/platform bench gateway\` (script: \`bench/gateway-overhead.sh\`)."
echo "${table}"

begin="<!-- gateway-benchmark:begin -->"
end="<!-- gateway-benchmark:end -->"
if grep -q "${begin}" "${REPORT}"; then
  python3 - "${REPORT}" "${begin}" "${end}" "${table}" <<'PY'
import sys
path, begin, end, table = sys.argv[1:5]
text = open(path).read()
start = text.index(begin) + len(begin)
stop = text.index(end)
open(path, "w").write(text[:start] + "\n" + table + "\n" + text[stop:])
PY
else
  printf '\n## Gateway overhead\n\n%s\n%s\n%s\n' "${begin}" "${table}" "${end}" >>"${REPORT}"
fi
