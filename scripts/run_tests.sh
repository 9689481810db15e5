#!/usr/bin/env bash
# The whole suite on SQLite, then again on PostgreSQL when one is reachable (TEST_DATABASE_URL,
# default the local server). REQUIRE_POSTGRES=1 (set by .ci/run under CI) turns "unreachable" into a failure.
set -euo pipefail
cd "$(dirname "$0")/.."

PY=.venv/bin/python
PG_URL="${TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/cinebridge}"
WORKERS="${TEST_WORKERS:-2}"
ran=()

pg_reachable() {
  "$PY" - "$PG_URL" <<'PYCODE'
import sys
import psycopg
url = sys.argv[1].rsplit("/", 1)[0] + "/postgres"
try:
    psycopg.connect(url.replace("postgres://", "postgresql://", 1), connect_timeout=3).close()
except Exception as exc:
    print(f"PostgreSQL is not reachable: {exc}", file=sys.stderr)
    sys.exit(1)
PYCODE
}

echo "== Test suite on SQLite"
env -u TEST_DATABASE_URL "$PY" -m pytest -n "$WORKERS" -p no:cacheprovider "$@"
ran+=("SQLite")

if pg_reachable; then
  echo "== Test suite on PostgreSQL ($PG_URL)"
  TEST_DATABASE_URL="$PG_URL" "$PY" -m pytest -n "$WORKERS" -p no:cacheprovider --create-db "$@"
  ran+=("PostgreSQL")
elif [ "${REQUIRE_POSTGRES:-0}" = "1" ]; then
  echo "PostgreSQL is required here (REQUIRE_POSTGRES=1) but not reachable at $PG_URL." >&2
  exit 1
else
  echo "PostgreSQL not reachable at $PG_URL: ran on SQLite only."
fi
echo "Databases tested: ${ran[*]}"
