#!/usr/bin/env bash
# The local run: installs what is missing, then starts MongoDB protocol (FerretDB),
# Redis, the mail catcher, seeds demo data, and runs the API and the worker.
# Ctrl-C stops everything. `npm run dev -- --check` starts, checks /readyz, stops.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
exec npx tsx scripts/dev.ts "$@"
