#!/usr/bin/env bash
# Run by the MySQL image on first start (docker-entrypoint-initdb.d).
set -euo pipefail
bash /opt/platform/provision.sh | mysql -uroot -p"${MYSQL_ROOT_PASSWORD}"
