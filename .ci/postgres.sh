#!/usr/bin/env bash
# Starts a throwaway PostgreSQL for the index tests and prints its JDBC URL on stdout:
#
#   export QANODE_TEST_PG_URL="$(bash .ci/postgres.sh)"
#   ... mvn test ...
#   bash .ci/postgres.sh stop        # stops the server this script started last
#
# Installs Debian's postgresql when no server binaries are found (needs root and apt).
# The cluster lives in a fresh directory under ${TMPDIR:-/tmp}, listens on 127.0.0.1 only,
# on the first free port from 55432, with fsync off (test data only). Run as root it runs
# the server as the postgres user; otherwise as the calling user.
# Everything but the URL goes to stderr.
set -euo pipefail

state_file="${TMPDIR:-/tmp}/qanode-pg.current"

find_bin() {
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

as_owner() {
  if [ "$(id -u)" = 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

if [ "${1:-}" = stop ]; then
  if [ -f "$state_file" ]; then
    dir="$(cat "$state_file")"
    as_owner "$(find_bin)/pg_ctl" -D "$dir/data" -m fast stop >&2 || true
    rm -rf "$dir" "$state_file"
  fi
  exit 0
fi

bin="$(find_bin)"
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
  echo "installing Debian postgresql" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq postgresql >&2
  bin="$(find_bin)"
fi

# A port nobody answers on; the server may still fail to bind it (a loopback client's
# ephemeral port, e.g. right after a benchmark's thousands of connections): then the next one.
free_port_from() {
  local p
  for p in $(seq "$1" 55532); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
      echo "$p"
      return 0
    fi
  done
  echo "no free port in $1-55532" >&2
  return 1
}
port=$(free_port_from 55432)

dir="$(mktemp -d "${TMPDIR:-/tmp}/qanode-pg.XXXXXX")"
chmod 755 "$dir"
if [ "$(id -u)" = 0 ]; then
  chown postgres: "$dir"
fi
as_owner "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --no-sync >"$dir/initdb.log" 2>&1 \
  || { cat "$dir/initdb.log" >&2; exit 1; }
start_server() {
  as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
    start >&2
}
attempt=1
until start_server; do
  if [ "$attempt" -ge 5 ] || ! grep -q "could not create any TCP/IP sockets" "$dir/server.log"; then
    cat "$dir/server.log" >&2
    exit 1
  fi
  echo "port $port could not be bound; trying the next free one" >&2
  port=$(free_port_from $((port + 1)))
  attempt=$((attempt + 1))
done
echo "$dir" >"$state_file"

psql_q() {
  as_owner "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 -q "$@" >&2
}
psql_q -c "CREATE USER qanode PASSWORD 'qanode'"
psql_q -c "CREATE DATABASE qanode OWNER qanode"

echo "postgresql on 127.0.0.1:$port, data in $dir; stop with: bash .ci/postgres.sh stop" >&2
echo "jdbc:postgresql://127.0.0.1:$port/qanode?user=qanode&password=qanode"
