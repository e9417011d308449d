#!/usr/bin/env bash
# Lints the OpenAPI document the server really serves with Redocly's rules (redocly.yaml):
# builds the server, starts it on a throwaway SQLite file on a free loopback port, fetches
# /openapi.json, stops it, and runs `redocly lint` on what it got. Exits non-zero on any error.
# Redocly CLI is installed from npm into a cache directory, pinned, once per machine.
set -uo pipefail
cd "$(dirname "$0")/.."

REDOCLY_VERSION=2.77.0
cache="${ENGRAM_REDOCLY_CACHE:-$HOME/.cache/engram/redocly}"
redocly="$cache/node_modules/.bin/redocly"
if ! command -v npm >/dev/null 2>&1; then
  echo "openapi-lint: npm is required (node and npm not found on PATH)" >&2
  exit 1
fi
if [ ! -x "$redocly" ] || [ "$("$redocly" --version 2>/dev/null | head -1)" != "$REDOCLY_VERSION" ]; then
  mkdir -p "$cache"
  npm install --prefix "$cache" --no-audit --no-fund --loglevel=error "@redocly/cli@$REDOCLY_VERSION" >&2 || {
    echo "openapi-lint: could not install @redocly/cli@$REDOCLY_VERSION" >&2
    exit 1
  }
fi

work=$(mktemp -d)
pid=""
cleanup() {
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
  fi
  rm -rf "$work"
}
trap cleanup EXIT

dotnet build src/Engram -c Debug --nologo -v quiet >"$work/build.log" 2>&1 || {
  cat "$work/build.log" >&2
  echo "openapi-lint: the server did not build" >&2
  exit 1
}
# Port 0: the kernel picks a free one, and the server's "Listening on" line says which.
# No drain on stop: nothing balances load onto this throwaway server.
dotnet src/Engram/bin/Debug/net10.0/engram.dll serve --urls "http://127.0.0.1:0" --database "$work/engram.db" \
  --Engram:Shutdown:DrainSeconds 0 >"$work/server.log" 2>&1 &
pid=$!
for _ in $(seq 1 240); do
  address=$(sed -n 's/^Listening on \(http:[^ ,]*\).*/\1/p' "$work/server.log" | head -1)
  if [ -n "$address" ]; then
    curl -sf "$address/openapi.json" -o "$work/openapi.json"
    break
  fi
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.5
done
if [ ! -s "$work/openapi.json" ]; then
  cat "$work/server.log" >&2
  echo "openapi-lint: could not fetch /openapi.json from the server" >&2
  exit 1
fi
kill "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
pid=""

# NO_UPDATE_NOTIFIER, REDOCLY_TELEMETRY: no calls home from CI (and no registry look-ups but npm's own).
NO_UPDATE_NOTIFIER=1 REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true \
  "$redocly" lint --config redocly.yaml --format codeframe "$work/openapi.json" 2>&1 | grep -v -E '[║╔╚]'
status=${PIPESTATUS[0]}
if [ "$status" -ne 0 ]; then
  echo "openapi-lint: /openapi.json has lint errors (rules in redocly.yaml)" >&2
  exit 1
fi
echo "openapi-lint: /openapi.json is clean under redocly.yaml" >&2
