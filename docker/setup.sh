#!/usr/bin/env sh
# One-shot, before the first `docker compose up`: makes the secrets the compose files mount, in
# docker/secrets/ (git-ignored, readable by you only). Run again, it keeps what exists.
#   KurrentDB admin password     secrets/kurrentdb.env (KURRENTDB_DEFAULT_ADMIN_PASSWORD, used by
#                                KurrentDB on its first start only)
#   PostgreSQL password          secrets/postgres-password
#   connection strings           secrets/event-store-url, event-store-url-cluster, read-db-url
# TLS certificates are made by the compose file's `certificates` one-shot service.
set -eu
cd "$(dirname "$0")"
mkdir -p secrets
chmod 700 secrets
umask 077
secret() { openssl rand -hex 24; }
[ -f secrets/kurrentdb.env ] || echo "KURRENTDB_DEFAULT_ADMIN_PASSWORD=$(secret)" > secrets/kurrentdb.env
[ -f secrets/postgres-password ] || secret > secrets/postgres-password
kurrent_password=$(sed -n 's/^KURRENTDB_DEFAULT_ADMIN_PASSWORD=//p' secrets/kurrentdb.env)
pg_password=$(cat secrets/postgres-password)
tls='tls=true&tlsCAFile=/certs/ca/ca.crt'
[ -f secrets/event-store-url ] ||
  echo "kurrentdb://admin:${kurrent_password}@kurrentdb:2113?${tls}" > secrets/event-store-url
[ -f secrets/event-store-url-cluster ] ||
  echo "kurrentdb+discover://admin:${kurrent_password}@kurrentdb-1:2113,kurrentdb-2:2113,kurrentdb-3:2113?${tls}" > secrets/event-store-url-cluster
[ -f secrets/read-db-url ] ||
  echo "postgres://licensing:${pg_password}@postgres:5432/licensing" > secrets/read-db-url
echo "secrets ready in $(pwd)/secrets"
