#!/usr/bin/env bash
# What an idle server costs, one command:
#
#   bash bench/idle.sh [SECONDS]
#
# Builds Release, starts `engram serve` on a fresh SQLite file (no memories, no requests), lets it
# settle for 10 s, then prints the CPU time (user + system, /proc/PID/stat) it spent over SECONDS
# (60 by default): the price of its background loops and timers, paid whatever the load.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

work=$(mktemp -d /tmp/engram-idle.XXXXXX)
server_pid=""
cleanup() {
    if [[ -n $server_pid ]]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

echo "bench: building Release" >&2
dotnet build -c Release -v q -nologo src/Engram/Engram.csproj >"$work/build.log" 2>&1 || { cat "$work/build.log" >&2; exit 1; }

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
ENGRAM_DATABASE="$work/engram.db" dotnet src/Engram/bin/Release/net10.0/engram.dll serve --urls "http://127.0.0.1:$port" \
    >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 200); do
    curl -sf "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
    kill -0 "$server_pid" 2>/dev/null || { cat "$work/server.log" >&2; exit 1; }
    sleep 0.2
done
sleep 10
ticks() { awk '{ print $14 + $15 }' "/proc/$server_pid/stat"; }
before=$(ticks)
sleep "$seconds"
after=$(ticks)
echo "commit $(git rev-parse --short HEAD): idle server CPU $(( (after - before) * 1000 / $(getconf CLK_TCK) )) ms over $seconds s; load average $(cut -d' ' -f1-3 /proc/loadavg)"
