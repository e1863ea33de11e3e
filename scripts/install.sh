#!/usr/bin/env bash
# Installs what this project needs on a fresh machine of its kind (Debian, Node 20,
# Go). Safe to run again: each step is skipped when already done.
#   scripts/install.sh            services for the local run (Redis, FerretDB, npm packages)
#   scripts/install.sh --browser  also Chromium, for the browser tests
set -euo pipefail
cd "$(dirname "$0")/.."

want_browser=false
[ "${1:-}" = "--browser" ] && want_browser=true

sudo_cmd=()
[ "$(id -u)" -ne 0 ] && sudo_cmd=(sudo)

packages=()
command -v redis-server >/dev/null 2>&1 || packages+=(redis-server)
$want_browser && { [ -x /usr/bin/chromium ] || packages+=(chromium); }
if [ ${#packages[@]} -gt 0 ]; then
  echo "install: apt-get install ${packages[*]}"
  "${sudo_cmd[@]}" apt-get update -q
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -q --no-install-recommends "${packages[@]}"
fi

# FerretDB (MongoDB wire protocol over SQLite), unless a real MongoDB is used.
# Built once per machine from the Go module proxy into a cache keyed by its sources.
if [ -z "${MONGODB_URL:-}" ] && ! command -v mongod >/dev/null 2>&1; then
  cache="${TIENGDAN_CACHE:-$HOME/.cache/tieng-dan}"
  key=$(cat tools/ferretdb/go.mod tools/ferretdb/go.sum tools/ferretdb/*.go | sha256sum | cut -c1-16)
  bin="$cache/ferretdb-$key"
  if [ ! -x "$bin" ]; then
    echo "install: building FerretDB (first time on this machine: a few minutes)"
    mkdir -p "$cache"
    (cd tools/ferretdb && go build -trimpath -o "$bin.tmp" . && mv "$bin.tmp" "$bin")
  fi
  mkdir -p .data/bin
  ln -sf "$bin" .data/bin/ferretdb
fi

# npm packages, when missing or older than the lock file.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "install: npm ci"
  npm ci --no-audit --no-fund
fi
