#!/usr/bin/env bash
# Creates on two builds at once, for a regression question on a shared machine:
#
#   bash bench/creates-ab.sh OLD_TREE NEW_TREE [--sessions N] [--rounds N] [--seconds S]
#
# Each tree must already be built (dotnet build -c Release bench/Engram.Seed). Both servers are
# seeded alike with their own tree's bench/Engram.Seed and run side by side on SQLite; each round
# measures on each server, in turn (old first in odd rounds, new first in even ones), the floor
# (GET /healthz), POST /sessions/create and POST /messages/create, each after a 1-s warm-up of
# itself, wrk -t2 -c32. A load that changes during the run weighs on both builds alike, which
# two bench/run.sh runs minutes apart cannot promise. Prints req/s, ÷ floor, p99 and the
# server's CPU µs per request for each, the idle CPU of both over 20 s, and the load average.
set -euo pipefail
old=$1 new=$2; shift 2
sessions=100000 rounds=6 secs=3
while [[ $# -gt 0 ]]; do
    case "$1" in
        --sessions) sessions=$2; shift 2 ;; --rounds) rounds=$2; shift 2 ;; --seconds) secs=$2; shift 2 ;;
        *) echo "usage: bash bench/creates-ab.sh OLD_TREE NEW_TREE [--sessions N] [--rounds N] [--seconds S]" >&2; exit 2 ;;
    esac
done
wrk_dir=$(cd "$(dirname "$0")" && pwd)/wrk
work=$(mktemp -d /tmp/engram-ab.XXXXXX)
declare -A port pid
cleanup() { for p in "${pid[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT
export ENGRAM_BENCH_KEY="ek_bench$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"
for side in old new; do
    tree=${!side}
    dotnet "$tree/bench/Engram.Seed/bin/Release/net10.0/Engram.Seed.dll" --database "$work/$side.db" \
        --key "$ENGRAM_BENCH_KEY" --sessions "$sessions" >/dev/null
    port[$side]=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    Logging__LogLevel__Default=Information ENGRAM_DATABASE="$work/$side.db" \
        dotnet "$tree/src/Engram/bin/Release/net10.0/engram.dll" serve --urls "http://127.0.0.1:${port[$side]}" >"$work/$side.log" 2>&1 &
    pid[$side]=$!
    for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:${port[$side]}/healthz" >/dev/null 2>&1 && break; sleep 0.2; done
done
hz=$(getconf CLK_TCK)
cpu() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
# measure SIDE SCRIPT PATH -> "req/s p99 cpu-us-per-request"
measure() {
    local out=$work/wrk.txt before after
    wrk -t2 -c32 -d1s -s "$wrk_dir/$2" "http://127.0.0.1:${port[$1]}$3" >/dev/null
    before=$(cpu "${pid[$1]}")
    wrk -t2 -c32 -d"${secs}s" --latency -s "$wrk_dir/$2" "http://127.0.0.1:${port[$1]}$3" >"$out"
    after=$(cpu "${pid[$1]}")
    awk -v a="$after" -v b="$before" -v hz="$hz" '/^Requests\/sec:/ { r = $2 } $1 == "99%" { p = $2 }
        / requests in / { n = $1 } END { printf "%.0f %s %.1f\n", r, p, (a - b) * 1e6 / hz / n }' "$out"
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", a / b }'; }
sleep 10
idle_old=$(cpu "${pid[old]}") idle_new=$(cpu "${pid[new]}")
sleep 20
echo "idle CPU over 20 s: old $(( ($(cpu "${pid[old]}") - idle_old) * 1000 / hz )) ms, new $(( ($(cpu "${pid[new]}") - idle_new) * 1000 / hz )) ms"
echo "$sessions sessions; $old (old) against $new (new)"
printf '%-5s %-4s %7s %8s %6s | %7s %6s %8s %6s | %7s %6s %8s %6s  %s\n' round side floor p99 cpu \
    create "x" p99 cpu message "x" p99 cpu load
for round in $(seq 1 "$rounds"); do
    order="old new"; (( round % 2 == 0 )) && order="new old"
    for side in $order; do
        read -r fr fp fc < <(measure "$side" auth.lua /healthz)
        read -r cr cp cc < <(measure "$side" create-session.lua /sessions/create)
        read -r mr mp mc < <(measure "$side" create-message.lua /messages/create)
        printf '%-5s %-4s %7s %8s %6s | %7s %6s %8s %6s | %7s %6s %8s %6s  %s\n' "$round" "$side" "$fr" "$fp" "$fc" \
            "$cr" "$(ratio "$cr" "$fr")" "$cp" "$cc" "$mr" "$(ratio "$mr" "$fr")" "$mp" "$mc" "$(cut -d' ' -f1 /proc/loadavg)"
    done
done
