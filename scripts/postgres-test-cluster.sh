#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests: Debian's postgresql (installed when missing), a cluster in a temp
# folder owned by the postgres user, on a free port on 127.0.0.1.
#   eval "$(scripts/postgres-test-cluster.sh start)"   # exports BRP_TEST_POSTGRES and BRP_TEST_POSTGRES_DIR
#   scripts/postgres-test-cluster.sh stop "$BRP_TEST_POSTGRES_DIR"
set -euo pipefail

bin_dir() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }

case "${1:-}" in
  start)
    if [ -z "$(bin_dir)" ]; then
      { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql; } >&2 \
        || { echo "Could not install Debian's postgresql." >&2; exit 1; }
    fi
    bin="$(bin_dir)"
    run_as_postgres() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
    dir="$(mktemp -d /tmp/brp-pg-XXXXXX)"
    [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$dir"
    port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')"
    run_as_postgres "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; exit 1; }
    # Small and fast: the cluster is thrown away, so commits need not wait for the disk.
    run_as_postgres "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300 -c shared_buffers=128MB" \
      start >&2 || { cat "$dir/server.log" >&2; exit 1; }
    echo "export BRP_TEST_POSTGRES='Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres'"
    echo "export BRP_TEST_POSTGRES_DIR='$dir'"
    ;;
  stop)
    dir="${2:?usage: postgres-test-cluster.sh stop DIR}"
    bin="$(bin_dir)"
    if [ -d "$dir/data" ]; then
      if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
      else "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true; fi
    fi
    rm -rf "$dir"
    ;;
  *)
    echo "usage: $0 start | stop DIR" >&2; exit 2 ;;
esac
