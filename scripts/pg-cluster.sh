#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests (docs/postgresql.md).
#
#   scripts/pg-cluster.sh start   installs Debian `postgresql` when missing, runs initdb into a
#                                 new temporary folder, starts the server on a Unix socket only
#                                 (no TCP), creates the database `ledger`, prints the URL
#   scripts/pg-cluster.sh url     prints the connection URL of the running cluster
#   scripts/pg-cluster.sh env     prints `export LEDGER_PG_URL=…` (eval "$(… env)")
#   scripts/pg-cluster.sh stop    stops the server and removes the folder
#
# The state (folder, URL) is kept in $LEDGER_PG_STATE (default .build/pg-cluster.env), so
# each worktree has its own cluster. The server refuses to run as root: as root, the cluster
# belongs to the `postgres` user (created with useradd when missing); otherwise to the caller.
# Authentication is `trust` on the socket, whose folder only the owner and root can enter.
set -euo pipefail
cd "$(dirname "$0")/.."
state="${LEDGER_PG_STATE:-.build/pg-cluster.env}"

die() { echo "pg-cluster: $*" >&2; exit 1; }

server_bin() {
  local dir
  dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
  [ -n "$dir" ] && [ -x "$dir/initdb" ] && { echo "$dir"; return; }
  return 1
}

install_server() {
  server_bin >/dev/null && return
  echo "pg-cluster: installing postgresql" >&2
  local sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends postgresql >/dev/null
  server_bin >/dev/null || die "postgresql installed, but no initdb under /usr/lib/postgresql/*/bin"
}

# Runs a server command as the cluster's owner.
as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u "$owner" -- "$@"; else "$@"; fi
}

read_state() {
  [ -f "$state" ] || return 1
  # shellcheck disable=SC1090
  . "$state"
}

running() {
  read_state || return 1
  [ -d "${PG_DIR:-}" ] || return 1
  owner="$PG_OWNER"
  as_owner "$PG_BIN/pg_ctl" -D "$PG_DIR/data" status >/dev/null 2>&1
}

start() {
  if running; then echo "$LEDGER_PG_URL"; return; fi
  [ -f "$state" ] && stop_quietly
  install_server
  local bin; bin="$(server_bin)"
  owner="$(id -un)"
  if [ "$(id -u)" = 0 ]; then
    owner=postgres
    id -u "$owner" >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin "$owner"
  fi
  local dir; dir="$(mktemp -d /tmp/ledger-pg.XXXXXX)"
  mkdir -p "$dir/socket"
  chmod 700 "$dir"
  [ "$(id -u)" = 0 ] && chown -R "$owner" "$dir"
  local port=5432
  as_owner "$bin/initdb" -D "$dir/data" -A trust -U postgres -E UTF8 --locale=C >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; rm -rf "$dir"; die "initdb failed"; }
  # Unix socket only; fsync off because the cluster is thrown away after the run.
  as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-k $dir/socket -p $port -c listen_addresses= -c fsync=off -c full_page_writes=off -c max_connections=60" start >/dev/null \
    || { cat "$dir/server.log" >&2; rm -rf "$dir"; die "the server did not start"; }
  as_owner "$bin/createdb" -h "$dir/socket" -p "$port" -U postgres ledger \
    || { as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true; rm -rf "$dir"; die "createdb failed"; }
  local url="postgresql:///ledger?host=$dir/socket&port=$port&user=postgres"
  mkdir -p "$(dirname "$state")"
  {
    echo "PG_DIR='$dir'"
    echo "PG_BIN='$bin'"
    echo "PG_OWNER='$owner'"
    echo "LEDGER_PG_URL='$url'"
  } >"$state"
  echo "$url"
}

stop_quietly() {
  read_state || return 0
  owner="${PG_OWNER:-postgres}"
  if [ -d "${PG_DIR:-}/data" ]; then
    as_owner "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate stop >/dev/null 2>&1 || true
  fi
  case "${PG_DIR:-}" in /tmp/ledger-pg.*) rm -rf "$PG_DIR" ;; esac
  rm -f "$state"
}

case "${1:-}" in
  start) start ;;
  stop) stop_quietly ;;
  url) running || die "no cluster running (scripts/pg-cluster.sh start)"; echo "$LEDGER_PG_URL" ;;
  env) running || die "no cluster running (scripts/pg-cluster.sh start)"; echo "export LEDGER_PG_URL='$LEDGER_PG_URL'" ;;
  *) die "usage: scripts/pg-cluster.sh start|stop|url|env" ;;
esac
