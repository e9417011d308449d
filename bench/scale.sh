#!/usr/bin/env bash
# The memory benchmark at scale (issue #17), one command:
#
#   bash bench/scale.sh [--backend sqlite|postgres] [--quick]
#
# Builds Release, then bench/Engram.MemoryBench --scale starts `engram serve` on a fresh database in a
# temp directory and, through its HTTP API, each figure beside its floors (GET /healthz, the query's
# embedding in process) from the same run: (a) memories of 1k, 10k and 100k seeded chunks, a fresh
# server each: GET /memory p50/p99 at 1 connection, calls/s at 8, peak RSS, as a table; (b) 100
# memories x 1,000 chunks, queries spread over all, p50/p99 at 1 and 8 connections, RSS; (c) a restart
# with both on disk: time to /readyz and to the first answer of each shape; (d) GET /memory p50/p99 on
# the 10k memory idle and while another memory ingests (goal: p99 busy <= 2x idle); (e) on PostgreSQL,
# ingestion chunks/s with one server and with two on the same database.
# --quick: 1k and 10k, 10 x 1k, 50 queries, 3-s rates: 2-6 minutes. The default: about 8 (SQLite) to 13 (PostgreSQL).
# Everything it makes lives in the temp directory, removed at the end, with the servers and any PostgreSQL cluster.
set -euo pipefail
cd "$(dirname "$0")/.."

backend=sqlite
mode=full
while [[ $# -gt 0 ]]; do
    case "$1" in
        --backend) backend=$2; shift 2 ;;
        --quick) mode=quick; shift ;;
        *) echo "usage: bash bench/scale.sh [--backend sqlite|postgres] [--quick]" >&2; exit 2 ;;
    esac
done
[[ $backend == sqlite || $backend == postgres ]] || { echo "scale.sh: --backend is sqlite or postgres" >&2; exit 2; }
source bench/memorybench-setup.sh # sets $work and $database
sizes=()
if [[ $mode == quick ]]; then sizes=(--queries 50 --seconds 3 --documents 3); fi
echo "commit $(git rev-parse --short HEAD), backend $backend, --scale $mode"
dotnet bench/Engram.MemoryBench/bin/Release/net10.0/Engram.MemoryBench.dll --database "$database" \
    --server src/Engram/bin/Release/net10.0/engram.dll --work "$work" --scale "$mode" "${sizes[@]}"
