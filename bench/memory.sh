#!/usr/bin/env bash
# The memory benchmark, one command:
#
#   bash bench/memory.sh [--backend sqlite|postgres] [--documents N] [--document-chars N] [--queries N]
#                        [--seconds S] [--connections N] [--large N] [--facts N] [--ingestion-rounds N] [--spin-rounds N]
#
# Builds Release, then bench/Engram.MemoryBench starts `engram serve` on a fresh database in a temp
# directory and, through its HTTP API, measures a real ingestion (chunks/s), GET /memory on a
# 10,000-chunk memory (p50/p99 at one connection, calls/s at 8) and on a 100,000-chunk one (p50,
# peak RSS), each beside its floors from the same run. --large 0 skips the large memory; --facts N
# (default 0, skipped) adds GET /memory on a graph memory of N seeded facts (p50/p99, RSS).
# --ingestion-rounds N (default 3) alternates the ingestion and its floor N times and prints the
# median ratio; --spin-rounds N (default 6, 0 skips) compares ONNX Runtime's threading settings.
# Everything it makes lives in the temp directory, removed at the end, with the server and any PostgreSQL cluster it started.
set -euo pipefail
cd "$(dirname "$0")/.."

backend=sqlite
passed=()
while [[ $# -gt 0 ]]; do
    case "$1" in
        --backend) backend=$2; shift 2 ;;
        --documents|--document-chars|--queries|--seconds|--connections|--large|--facts|--spin-rounds|--ingestion-rounds) passed+=("$1" "$2"); shift 2 ;;
        *) echo "usage: bash bench/memory.sh [--backend sqlite|postgres] [--documents N] [--document-chars N] [--queries N] [--seconds S] [--connections N] [--large N] [--facts N] [--ingestion-rounds N] [--spin-rounds N]" >&2; exit 2 ;;
    esac
done
[[ $backend == sqlite || $backend == postgres ]] || { echo "memory.sh: --backend is sqlite or postgres" >&2; exit 2; }
source bench/memorybench-setup.sh # sets $work and $database
echo "commit $(git rev-parse --short HEAD), backend $backend"
dotnet bench/Engram.MemoryBench/bin/Release/net10.0/Engram.MemoryBench.dll --database "$database" \
    --server src/Engram/bin/Release/net10.0/engram.dll --work "$work" "${passed[@]}"
