#!/usr/bin/env bash
# Prints the SQL that gives every service its own schema and a DB user that can
# touch only that schema. Idempotent. One source for bin/platform, the tests
# (test-support runs it) and docker compose (initdb/10-provision.sh pipes it).
#
# Passwords come from the environment; the defaults are for a developer's own
# machine only. docker compose takes them from .env.
set -euo pipefail

schemas=(auth device charging orders reconciliation)

for schema in "${schemas[@]}"; do
  var="$(echo "${schema}" | tr '[:lower:]' '[:upper:]')_DB_PASSWORD"
  password="${!var:-${schema}-local-dev}"
  # Single quotes inside the password would end the SQL literal.
  password="${password//\'/\'\'}"
  cat <<SQL
CREATE DATABASE IF NOT EXISTS \`${schema}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;
CREATE USER IF NOT EXISTS '${schema}'@'%' IDENTIFIED BY '${password}';
ALTER USER '${schema}'@'%' IDENTIFIED BY '${password}';
GRANT ALL PRIVILEGES ON \`${schema}\`.* TO '${schema}'@'%';
SQL
done
echo "FLUSH PRIVILEGES;"
