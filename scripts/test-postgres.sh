#!/usr/bin/env bash
# Starts a throwaway PostgreSQL (Debian's package) on 127.0.0.1 for the production-path tests, and prints the
# READ_MODEL_URL to use. Installs the package with apt-get when it is missing. Stop it with:
#   pg_ctl -D "$KONTAKT_TEST_PG_DIR/data" stop   (the directory is printed too)
set -euo pipefail

if ! ls -d /usr/lib/postgresql/*/bin >/dev/null 2>&1; then
  echo "installing postgresql from Debian" >&2
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
fi
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
dir=$(mktemp -d /tmp/kontakt-test-pg.XXXXXX)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')

# PostgreSQL refuses to run as root: run it as the postgres user when we are root.
as_owner=()
if [ "$(id -u)" = 0 ]; then
  chown postgres "$dir"
  as_owner=(runuser -u postgres --)
fi
"${as_owner[@]}" "$bin/initdb" -D "$dir/data" -A trust -U kontakt >"$dir/initdb.log"
# fsync stays on: the tests exercise the same durability as production.
"${as_owner[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
  -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c max_connections=100" start >/dev/null
"$bin/createdb" -h 127.0.0.1 -p "$port" -U kontakt kontakt
echo "KONTAKT_TEST_PG_DIR=$dir"
echo "READ_MODEL_URL=postgres://kontakt@127.0.0.1:$port/kontakt"
