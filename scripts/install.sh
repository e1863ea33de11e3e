#!/usr/bin/env bash
# Installs what this project needs on a fresh machine of its kind (Debian, Node 20,
# Go). Safe to run again: each step is skipped when already done.
#   scripts/install.sh            services for the local run (Redis, PostgreSQL with
#                                 DocumentDB, FerretDB 2, npm packages)
#   scripts/install.sh --browser  also Chromium, for the browser tests
set -euo pipefail
cd "$(dirname "$0")/.."

want_browser=false
[ "${1:-}" = "--browser" ] && want_browser=true

sudo_cmd=()
[ "$(id -u)" -ne 0 ] && sudo_cmd=(sudo)

# The local database (PostgreSQL 15 + DocumentDB + FerretDB 2) is built unless
# MONGODB_URL points at another server.
want_db=false
[ -z "${MONGODB_URL:-}" ] && want_db=true

packages=()
command -v redis-server >/dev/null 2>&1 || packages+=(redis-server)
# Liberation Serif: Times New Roman's metrics with Vietnamese glyphs, for the PDF reports.
[ -f /usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf ] || packages+=(fonts-liberation2)
$want_browser && { [ -x /usr/bin/chromium ] || packages+=(chromium); }
if $want_db; then
  # PostgreSQL and what DocumentDB builds against (docs/database.md says why each).
  for p in postgresql-15 postgresql-server-dev-15 postgresql-client-15 libbson-dev libpcre2-dev \
    libintelrdfpmath-dev libkrb5-dev postgresql-15-postgis-3 postgresql-15-rum pkg-config make gcc; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || packages+=("$p")
  done
fi
if [ ${#packages[@]} -gt 0 ]; then
  echo "install: apt-get install ${packages[*]}"
  "${sudo_cmd[@]}" apt-get update -q
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -q --no-install-recommends "${packages[@]}"
fi

# Our Go tools (tools/<dir>), each built once per machine from the Go module
# proxy into a cache keyed by its sources, and linked as .data/bin/<dir>.
go_tool() {
  local dir=$1 name=$2 what=$3 cache key bin
  cache="${TIENGDAN_CACHE:-$HOME/.cache/tieng-dan}"
  key=$(cat "tools/$dir/go.mod" "tools/$dir/go.sum" "tools/$dir"/*.go | sha256sum | cut -c1-16)
  bin="$cache/$name-$key"
  if [ ! -x "$bin" ]; then
    echo "install: building $what (first time on this machine: a few minutes)"
    mkdir -p "$cache"
    (cd "tools/$dir" && go build -trimpath -o "$bin.tmp" . && mv "$bin.tmp" "$bin")
  fi
  mkdir -p .data/bin
  ln -sf "$bin" ".data/bin/$dir"
}

if $want_db; then
  # PostgreSQL's extensions from tools/documentdb/vendor (skipped when built).
  "${sudo_cmd[@]}" bash tools/documentdb/build.sh

  # FerretDB 2, from the Go module proxy.
  go_tool ferretdb ferretdb2 "FerretDB 2"
fi

# The Kubernetes manifests' renderer and validator (deploy/k8s, tests/integration/manifests.test.ts).
go_tool k8s-check k8s-check "the manifests' validator (kustomize + Kubernetes API types)"

# npm packages, when missing or older than the lock file.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "install: npm ci"
  npm ci --no-audit --no-fund
fi
