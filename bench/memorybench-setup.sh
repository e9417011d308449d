# Sourced by bench/memory.sh and bench/scale.sh (never run alone): with $backend set, makes a temp
# directory $work (removed on exit, with any PostgreSQL cluster started here), builds
# bench/Engram.MemoryBench in Release, and sets $database to a fresh SQLite file in $work or to a
# throwaway PostgreSQL cluster of our own, never the one the tests use.
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

work=$(mktemp -d /tmp/engram-membench.XXXXXX)
export ENGRAM_PG_STATE="$work/postgres.state"
cleanup() {
    if [[ -f $ENGRAM_PG_STATE ]]; then bash .ci/postgres.sh stop >/dev/null 2>&1 || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

echo "bench: building Release" >&2
dotnet build -c Release -v q -nologo bench/Engram.MemoryBench/Engram.MemoryBench.csproj >"$work/build.log" 2>&1 ||
    { cat "$work/build.log" >&2; exit 1; }

if [[ $backend == postgres ]]; then
    database=$(bash .ci/postgres.sh start)
else
    database="$work/engram.db"
fi
