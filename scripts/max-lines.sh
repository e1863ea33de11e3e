#!/usr/bin/env bash
# No production file (src/, workers/, config/) over 400 lines: split it into
# routes and views, or by what it does. Run by scripts/test.sh as a check.
set -uo pipefail
cd "$(dirname "$0")/.."
over=$(find src workers config -name '*.ts' -exec wc -l {} + | awk '$2 != "total" && $1 > 400')
if [ -n "$over" ]; then
  echo "files over 400 lines:"
  echo "$over"
  exit 1
fi
echo "no production file over 400 lines"
