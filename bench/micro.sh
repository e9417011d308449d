#!/usr/bin/env bash
# The micro-benchmarks, one command: bash bench/micro.sh [BenchmarkDotNet arguments]
# Defaults to every benchmark with BenchmarkDotNet's short job (3 warm-ups, 3 iterations: about
# a minute in all); pass e.g. `--filter '*Token*' --job default` for a longer, tighter run.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
args=("$@")
[[ ${#args[@]} -eq 0 ]] && args=(--filter '*' --job short)
dotnet run -c Release --project bench/Engram.Micro -- "${args[@]}"
