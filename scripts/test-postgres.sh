#!/usr/bin/env bash
# A throwaway PostgreSQL (Debian's package) on 127.0.0.1 for the production-path tests.
#   scripts/test-postgres.sh start        installs the package if missing, starts a server, prints
#                                         KONTAKT_TEST_PG_DIR=... and READ_MODEL_URL=...
#   scripts/test-postgres.sh stop <dir>   stops the server started in <dir>
set -euo pipefail

bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

# PostgreSQL refuses to run as root: run its server commands as the postgres user when we are root, from /
# (the caller's folder may be closed to that user; every path given is absolute).
as_owner() {
  if [ "$(id -u)" = 0 ]; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi
}

start() {
  if [ -z "$(bin)" ]; then
    echo "installing postgresql from Debian" >&2
    apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
  fi
  local dir port
  dir=$(mktemp -d /tmp/kontakt-test-pg.XXXXXX)
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
  if [ "$(id -u)" = 0 ]; then chown postgres "$dir"; fi
  as_owner "$(bin)/initdb" -D "$dir/data" -A trust -U kontakt >"$dir/initdb.log"
  # fsync stays on: the tests exercise the same durability as production.
  as_owner "$(bin)/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c max_connections=100" start >/dev/null
  "$(bin)/createdb" -h 127.0.0.1 -p "$port" -U kontakt kontakt
  echo "KONTAKT_TEST_PG_DIR=$dir"
  echo "READ_MODEL_URL=postgres://kontakt@127.0.0.1:$port/kontakt"
}

stop() {
  as_owner "$(bin)/pg_ctl" -D "$1/data" stop -m fast >/dev/null
}

case "${1:-}" in
  start) start ;;
  stop) stop "${2:?stop needs the directory printed by start}" ;;
  *) echo "usage: $0 start | stop <dir>" >&2; exit 2 ;;
esac
