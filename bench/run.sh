#!/usr/bin/env bash
# The load benchmark, one command:
#
#   bash bench/run.sh [--backend sqlite|postgres] [--sessions N] [--duration SECONDS] [--connections N] [--log on|off]
#                     [--rounds N] [--round-seconds S]
#
# Builds Release, seeds a fresh database (bench/Engram.Seed), starts Engram on 127.0.0.1, drives each
# scenario with wrk for a bounded time, and prints requests/s, p50, p99, the server's CPU time per
# request and its peak memory, with every throughput also as a ratio to the bare floor (GET /healthz)
# of the same run. Then it runs the floor, the first page and the 90%-depth page in many short
# alternating rounds, and prints the two list targets' ratios per round and their medians.
# Everything it makes lives in one temp directory, removed at the end; the server and any
# PostgreSQL cluster it started are stopped on exit, whatever happens.
set -euo pipefail
cd "$(dirname "$0")/.."

backend=sqlite sessions=1000000 duration=10 warmup=3 connections=32 threads=2 log=on rounds=30 round_seconds=3
while [[ $# -gt 0 ]]; do
    case "$1" in
        --backend) backend=$2; shift 2 ;;
        --sessions) sessions=$2; shift 2 ;;
        --duration) duration=$2; shift 2 ;;
        --connections) connections=$2; shift 2 ;;
        --log) log=$2; shift 2 ;;
        --rounds) rounds=$2; shift 2 ;;
        --round-seconds) round_seconds=$2; shift 2 ;;
        *) echo "usage: bash bench/run.sh [--backend sqlite|postgres] [--sessions N] [--duration S] [--connections N] [--log on|off] [--rounds N] [--round-seconds S]" >&2; exit 2 ;;
    esac
done
[[ $backend == sqlite || $backend == postgres ]] || { echo "run.sh: --backend is sqlite or postgres" >&2; exit 2; }
(( rounds > 0 && rounds % 2 == 0 )) || { echo "run.sh: --rounds is even, so both orders run as often" >&2; exit 2; }

say() { echo "bench: $*" >&2; }
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

if ! command -v wrk >/dev/null 2>&1; then
    say "installing wrk"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >&2
fi

work=$(mktemp -d /tmp/engram-bench.XXXXXX)
server_pid=""
export ENGRAM_PG_STATE="$work/postgres.state" # our own cluster, never the one the tests use
cleanup() {
    if [[ -n $server_pid ]]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
    if [[ -f $ENGRAM_PG_STATE ]]; then bash .ci/postgres.sh stop >/dev/null 2>&1 || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

say "building Release"
dotnet build -c Release -v q -nologo bench/Engram.Seed/Engram.Seed.csproj >"$work/build.log" 2>&1 ||
    { cat "$work/build.log" >&2; exit 1; }

if [[ $backend == postgres ]]; then
    database=$(bash .ci/postgres.sh start)
    # The throwaway cluster starts with fsync=off (right for tests); a benchmark measures durable commits.
    psql "postgresql://postgres@127.0.0.1:$(sed -n 3p "$ENGRAM_PG_STATE")/postgres" -qAt \
        -c "ALTER SYSTEM SET fsync = on" -c "SELECT pg_reload_conf()" >/dev/null
else
    database="$work/engram.db"
fi

key="ek_bench$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"
export ENGRAM_BENCH_KEY=$key ENGRAM_BENCH_SESSIONS=$sessions
dotnet bench/Engram.Seed/bin/Release/net10.0/Engram.Seed.dll --database "$database" --key "$key" --sessions "$sessions"

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$port"
log_level=Information
[[ $log == off ]] && log_level=Warning
Logging__LogLevel__Default=$log_level ENGRAM_DATABASE="$database" \
    dotnet src/Engram/bin/Release/net10.0/engram.dll serve --urls "$base" >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 100); do
    curl -sf "$base/healthz" >/dev/null 2>&1 && break
    kill -0 "$server_pid" 2>/dev/null || { cat "$work/server.log" >&2; exit 1; }
    sleep 0.2
done

say "walking to 90% depth with limit=100"
deep_token=$(python3 bench/deep-token.py 127.0.0.1 "$port" "$key" "$sessions" 0.9)
deep_token=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$deep_token")
message_session=$(printf '0190a000-0000-7000-8000-%012x' $((sessions / 2)))

# to_ms "1.23ms" -> 1.23
to_ms() {
    awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n += 0; else if (v ~ /s$/) n *= 1000; printf "%.2f", n }'
}

# scenario NAME SCRIPT PATH: warm up, reset the server's peak RSS, measure, print one row.
floor=""
scenario() {
    local name=$1 script=$2 path=$3 out
    out="$work/wrk-${name//[^a-z0-9]/_}.txt"
    wrk -t"$threads" -c"$connections" -d"${warmup}s" -s "bench/wrk/$script" "$base$path" >/dev/null
    if ! kill -0 "$server_pid" 2>/dev/null; then
        say "the server has stopped; the end of its log:"; tail -n 30 "$work/server.log" >&2; exit 1
    fi
    echo 5 >"/proc/$server_pid/clear_refs" # VmHWM back to the current RSS
    local cpu_before cpu_after
    cpu_before=$(server_cpu)
    wrk -t"$threads" -c"$connections" -d"${duration}s" --latency -s "bench/wrk/$script" "$base$path" >"$out"
    cpu_after=$(server_cpu)
    local rps p50 p99 errors hwm ratio cpu
    rps=$(awk '/^Requests\/sec:/ { print $2 }' "$out")
    cpu=$(cpu_per_request "$cpu_before" "$cpu_after" "$out")
    p50=$(to_ms "$(awk '$1 == "50%" { print $2 }' "$out")")
    p99=$(to_ms "$(awk '$1 == "99%" { print $2 }' "$out")")
    errors=$(awk '/Non-2xx or 3xx responses:/ { print $5 } /Socket errors:/ { e = 1 }' "$out" | tail -n 1)
    hwm=$(awk '/^VmHWM:/ { printf "%.0f", $2 / 1024 }' "/proc/$server_pid/status")
    [[ -z $floor ]] && floor=$rps
    ratio=$(awk -v a="$rps" -v b="$floor" 'BEGIN { printf "%.2f", a / b }')
    printf '%-22s %10.0f %7s %8s %8s %8s %8s %7s\n' "$name" "$rps" "$ratio" "$p50" "$p99" "$cpu" "$hwm" "${errors:-0}"
    peak=$(( hwm > ${peak:-0} ? hwm : ${peak:-0} ))
}

# The server's CPU time so far (user + system), in clock ticks.
server_cpu() { awk '{ print $14 + $15 }' "/proc/$server_pid/stat"; }
ticks_per_second=$(getconf CLK_TCK)

# cpu_per_request TICKS_BEFORE TICKS_AFTER WRK_OUTPUT -> the server's CPU microseconds per request
cpu_per_request() {
    awk -v a="$1" -v b="$2" -v hz="$ticks_per_second" '/ requests in / { printf "%.1f", (b - a) * 1e6 / hz / $1 }' "$3"
}

# The two list targets, measured in alternating rounds: each round runs the floor, the first page
# and the 90%-depth page back to back for a few seconds each, forwards in odd rounds and backwards
# in even ones, so a change in what else the machine is doing weighs on all three alike and no
# page always runs first. Each measured run follows a one-second warm-up of the same page, so no
# page is measured straight after itself more often than another (the last page of a round is
# the first of the next). The floor on its own swings by 20% within a minute on a shared machine;
# ratios taken a few seconds apart, and their median over many rounds, much less.
alternate() {
    local rounds=$1 out="$work/wrk-alternate.txt" round i before after
    shift
    local -a paths=("$@") firsts=() depths=()
    for i in "${!paths[@]}"; do
        wrk -t"$threads" -c"$connections" -d"${warmup}s" -s bench/wrk/auth.lua "$base${paths[i]}" >/dev/null
    done
    echo
    echo "floor, first page and 90% depth, $rounds alternating rounds of ${round_seconds}s each (req/s, server CPU us per request)"
    printf '%-6s %10s %7s %10s %7s %10s %7s %11s %11s\n' round floor "cpu us" first "cpu us" "90% depth" "cpu us" first/floor depth/first
    for round in $(seq 1 "$rounds"); do
        local -a rps=() cpu=() order=(0 1 2)
        (( round % 2 == 0 )) && order=(2 1 0)
        for i in "${order[@]}"; do
            wrk -t"$threads" -c"$connections" -d1s -s bench/wrk/auth.lua "$base${paths[i]}" >/dev/null
            before=$(server_cpu)
            wrk -t"$threads" -c"$connections" -d"${round_seconds}s" -s bench/wrk/auth.lua "$base${paths[i]}" >"$out"
            after=$(server_cpu)
            rps[i]=$(awk '/^Requests\/sec:/ { print $2 }' "$out")
            cpu[i]=$(cpu_per_request "$before" "$after" "$out")
        done
        firsts+=("$(awk -v a="${rps[1]}" -v b="${rps[0]}" 'BEGIN { printf "%.3f", a / b }')")
        depths+=("$(awk -v a="${rps[2]}" -v b="${rps[1]}" 'BEGIN { printf "%.3f", a / b }')")
        printf '%-6s %10.0f %7s %10.0f %7s %10.0f %7s %11s %11s\n' "$round" "${rps[0]}" "${cpu[0]}" "${rps[1]}" "${cpu[1]}" \
            "${rps[2]}" "${cpu[2]}" "${firsts[-1]}" "${depths[-1]}"
    done
    printf '%-6s %65s %11s %11s\n' median "" "$(median "${firsts[@]}")" "$(median "${depths[@]}")"
    # The two orders apart, to show whether the order moves the ratios.
    printf '%-8s %63s %11s %11s\n' forward "(odd rounds)" "$(median $(every_other 0 "${firsts[@]}"))" \
        "$(median $(every_other 0 "${depths[@]}"))"
    printf '%-8s %63s %11s %11s\n' backward "(even rounds)" "$(median $(every_other 1 "${firsts[@]}"))" \
        "$(median $(every_other 1 "${depths[@]}"))"
}

# every_other START VALUES...: the values at positions START, START + 2, ... (0-based)
every_other() { local start=$1; shift; local -a v=("$@"); for ((k = start; k < ${#v[@]}; k += 2)); do echo "${v[k]}"; done; }

median() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : sprintf("%.3f", (v[NR / 2] + v[NR / 2 + 1]) / 2)) }'; }

echo
echo "load average before: $(cut -d" " -f1-3 /proc/loadavg)"
echo "Engram on $backend, $sessions sessions, wrk -t$threads -c$connections -d${duration}s per scenario (after ${warmup}s of warm-up), request log $log"
printf '%-22s %10s %7s %8s %8s %8s %8s %7s\n' scenario "req/s" "x floor" "p50 ms" "p99 ms" "cpu us" "peak MB" "non-2xx"
scenario "floor GET /healthz" auth.lua "/healthz"
scenario "list first page" auth.lua "/sessions/list?limit=10"
scenario "list at 90% depth" auth.lua "/sessions/list?limit=10&nextToken=$deep_token"
scenario "list by customer" auth.lua "/sessions/list?limit=10&customerUserID=cust-0042"
scenario "get by id" get-session.lua "/sessions/get/x"
scenario "messages of a session" auth.lua "/messages/list?sessionID=$message_session"
scenario "create" create-session.lua "/sessions/create"
echo "peak memory over the run: ${peak} MB (VmHWM of the server process); cpu us: the server's CPU time per request"
alternate "$rounds" /healthz "/sessions/list?limit=10" "/sessions/list?limit=10&nextToken=$deep_token"
