#!/usr/bin/env bash
# The whole suite, as `make test` runs it: JS unit tests, then pytest on sqlite (every layer,
# browser included), then the database-facing layers again on a real MariaDB. Services that
# this script started are stopped on exit, whatever happened. Extra arguments go to pytest.
set -eu
cd "$(dirname "$0")/.."
PY=.venv/bin/python
trap 'scripts/services.sh stop' EXIT
scripts/services.sh start >/dev/null
set -a; . .services/env; set +a

status=0
echo "== quality: ruff (lint, format) and ESLint"
.venv/bin/ruff check . || status=1
.venv/bin/ruff format --check . || status=1
node_modules/.bin/eslint . || status=1

if ls tests/js/*/*.test.mjs >/dev/null 2>&1; then
  echo "== JavaScript unit tests (node --test)"
  node --test tests/js/ || status=1
fi

echo "== pytest on sqlite (unit, integration, browser, olx, operators)"
WISE_TEST_DB=sqlite $PY -m pytest "$@" || status=1

echo "== pytest on MariaDB (everything that touches the database; no browser)"
WISE_TEST_DB=mariadb $PY -m pytest -m "not browser" -p no:randomly "$@" || status=1

exit $status
