#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests.
#
#   .ci/postgres.sh start   prints one line on stdout: the Npgsql connection string
#   .ci/postgres.sh stop    stops the cluster and removes its directory
#
# Runs as root on a fresh Debian 12 (installs Debian's postgresql package when no initdb is found)
# or as an ordinary user who has the PostgreSQL binaries. Everything but the connection string goes
# to stderr, so `conn=$(.ci/postgres.sh start)` just works.
set -euo pipefail

# One state file per checkout, so checkouts side by side each keep their own cluster.
CHECKOUT_ID=$(cd "$(dirname "$0")/.." && pwd | cksum | cut -d' ' -f1)
STATE_FILE="${ENGRAM_PG_STATE:-/tmp/engram-postgres-$CHECKOUT_ID.state}"
DATABASE="engram_test"

log() { echo "postgres.sh: $*" >&2; }

find_bin_dir() {
    # Resolve symlinks: the directory pg_ctl really lives in also holds createdb.
    if command -v pg_ctl >/dev/null 2>&1 && command -v initdb >/dev/null 2>&1; then
        dirname "$(readlink -f "$(command -v pg_ctl)")"
        return 0
    fi
    # Debian keeps the server binaries out of PATH; take the newest version installed.
    local dir
    dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
    if [[ -n "$dir" && -x "$dir/initdb" && -x "$dir/pg_ctl" ]]; then
        echo "$dir"
        return 0
    fi
    return 1
}

install_postgres() {
    if [[ $(id -u) -ne 0 ]]; then
        log "initdb/pg_ctl not found and not root: install PostgreSQL first"
        exit 1
    fi
    log "installing postgresql with apt-get"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    # The package's own main cluster is not needed; ours lives in a temp dir.
    apt-get install -y -qq --no-install-recommends postgresql >&2
}

# Runs a command as the cluster owner: initdb refuses to run as root.
as_owner() {
    if [[ $(id -u) -ne 0 ]]; then
        "$@"
    elif command -v runuser >/dev/null 2>&1; then
        runuser -u postgres -- "$@"
    else
        su postgres -s /bin/bash -c "$(printf '%q ' "$@")"
    fi
}

free_port() {
    # Bind to port 0 and let the kernel choose; small race, but a throwaway cluster tolerates it.
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()' 2>/dev/null && return 0
    local port
    for _ in $(seq 1 50); do
        port=$((20000 + RANDOM % 20000))
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            echo "$port"
            return 0
        fi
    done
    log "no free port found"
    exit 1
}

start() {
    if [[ -f "$STATE_FILE" ]]; then
        # Left by a run that died before its `stop`: clean it up rather than refuse to start.
        log "a cluster is still recorded in $STATE_FILE; stopping it first"
        stop
    fi
    local bin
    if ! bin=$(find_bin_dir); then
        install_postgres
        bin=$(find_bin_dir) || { log "postgresql installed but initdb/pg_ctl still not found"; exit 1; }
    fi
    if [[ $(id -u) -eq 0 ]] && ! id postgres >/dev/null 2>&1; then
        useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
    fi

    local dir port
    dir=$(mktemp -d /tmp/engram-postgres.XXXXXX)
    chmod 700 "$dir"
    if [[ $(id -u) -eq 0 ]]; then chown postgres: "$dir"; fi
    port=$(free_port)
    # Record the cluster before starting it, so `stop` can clean up after a failed start too.
    printf '%s\n%s\n%s\n' "$dir" "$bin" "$port" >"$STATE_FILE"

    log "initdb in $dir ($bin)"
    as_owner "$bin/initdb" -D "$dir/data" -U postgres --auth=trust --encoding=UTF8 --no-locale >&2
    log "starting on 127.0.0.1:$port"
    # Listen on loopback only; the socket goes in the cluster dir so nothing in /var/run is needed.
    # fsync=off: the cluster is thrown away, so crash safety would only slow the tests down.
    # max_connections=200: the tests run several Engram servers at once, each with its own pool.
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
        -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c max_connections=200" start >&2 ||
        { cat "$dir/server.log" >&2 || true; exit 1; }
    local createdb="$bin/createdb"
    [[ -x "$createdb" ]] || createdb=$(command -v createdb)
    as_owner "$createdb" -h 127.0.0.1 -p "$port" -U postgres "$DATABASE" >&2

    echo "Host=127.0.0.1;Port=$port;Username=postgres;Database=$DATABASE"
}

stop() {
    if [[ ! -f "$STATE_FILE" ]]; then
        log "no cluster recorded in $STATE_FILE"
        return 0
    fi
    local dir bin
    { read -r dir; read -r bin; } <"$STATE_FILE"
    if [[ -f "$dir/data/postmaster.pid" ]]; then
        log "stopping the cluster in $dir"
        as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >&2 || true
    fi
    # Only ever remove what `start` created.
    if [[ "$dir" == /tmp/engram-postgres.* ]]; then
        rm -rf "$dir"
    fi
    rm -f "$STATE_FILE"
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
