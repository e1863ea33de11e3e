#!/usr/bin/env bash
# Builds and installs the PostgreSQL extensions FerretDB 2 needs (pg_cron,
# pgvector, DocumentDB) from the sources vendored beside this script, into
# PostgreSQL 15's folders. Run as root (or with sudo) after Debian's packages
# (scripts/install.sh installs them). Skipped when the installed build carries
# the same input hash. Facts behind each flag: docs/database.md.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
pg_config=/usr/lib/postgresql/15/bin/pg_config
pkglib=$("$pg_config" --pkglibdir)

(cd "$here/vendor" && sha256sum --quiet -c SHA256SUMS)
key=$(cat "$here/vendor/SHA256SUMS" "$here/build.sh" "$here/intelmathlib.pc" | sha256sum | cut -c1-16)
stamp="$pkglib/tieng-dan-documentdb.$key"
if [ -f "$stamp" ] && [ -f "$pkglib/pg_documentdb.so" ]; then
  exit 0
fi
echo "install: building DocumentDB, pg_cron and pgvector for PostgreSQL 15 (first time: about 3 minutes)"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for t in "$here"/vendor/*.tar.gz; do tar -xzf "$t" -C "$work"; done

# with_llvm=no: no LLVM bitcode beside each object (twice the time, COPT ignored).
pgxs=(PG_CONFIG="$pg_config" with_llvm=no)
jobs=-j"$(nproc)"

# Debian's pg_cron (1.4) rejects DocumentDB's '2 seconds' schedule; Debian has no pgvector.
make -C "$work/pg_cron-1.6.7" "$jobs" "${pgxs[@]}" install >"$work/pg_cron.log" 2>&1 || { tail -30 "$work/pg_cron.log"; exit 1; }
make -C "$work/pgvector-0.8.6" "$jobs" "${pgxs[@]}" install >"$work/pgvector.log" 2>&1 || { tail -30 "$work/pgvector.log"; exit 1; }

# Debian's libintelrdfpmath-dev ships no pkg-config file; DocumentDB asks for one.
export PKG_CONFIG_PATH="$here${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH}"
make -C "$work/documentdb/pg_documentdb_core" "$jobs" "${pgxs[@]}" install >"$work/core.log" 2>&1 || { tail -30 "$work/core.log"; exit 1; }
# Debian's libbson 1.23 lacks BSON_SUBTYPE_SENSITIVE (added in 1.28, value 8).
make -C "$work/documentdb/pg_documentdb" "$jobs" "${pgxs[@]}" \
  COPT="-DBSON_SUBTYPE_SENSITIVE=8 -Wno-error=switch" install >"$work/documentdb.log" 2>&1 || { tail -30 "$work/documentdb.log"; exit 1; }

rm -f "$pkglib"/tieng-dan-documentdb.*
touch "$stamp"
echo "install: DocumentDB installed into $pkglib"
