#!/usr/bin/env bash
# Runs every test suite in turn (called by `npm test` after scripts/run.sh has
# installed and prepared everything), then prints one summary line.
set -uo pipefail
cd "$(dirname "$0")/.."

logs=.redwood/test-logs
mkdir -p "$logs"
passed=0
failed=0
failures=()

count_node_test() { # node:test summary: TAP ("# pass 27") or, since Node 23, spec ("ℹ pass 27")
  local p f
  p=$(grep -E '^(#|ℹ) pass [0-9]+' "$1" | tail -1 | awk '{print $3}')
  f=$(grep -E '^(#|ℹ) fail [0-9]+' "$1" | tail -1 | awk '{print $3}')
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
}

count_jest() { # "Tests:       2 failed, 75 passed, 77 total"
  local line p f
  line=$(grep -E '^Tests:' "$1" | tail -1)
  p=$(sed -nE 's/.* ([0-9]+) passed.*/\1/p' <<<"$line")
  f=$(sed -nE 's/.* ([0-9]+) failed.*/\1/p' <<<"$line")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
}

suite() { # suite NAME COUNTER COMMAND...
  local name=$1 counter=$2
  shift 2
  printf '\n== %s\n' "$name"
  local log="$logs/${name// /-}.log"
  "$@" 2>&1 | tee "$log"
  local status=${PIPESTATUS[0]}
  "$counter" "$log"
  if [ "$status" -ne 0 ]; then
    failures+=("$name")
    if ! grep -qE '^(#|ℹ) fail [1-9]|^Tests:.*failed' "$log"; then
      failed=$((failed + 1)) # the suite itself failed to run
    fi
  fi
}

yarn() { corepack yarn "$@"; }

# The api suite runs on SQLite (the default) and again on PostgreSQL, in a
# database the tests create and drop on the server named here.
postgres_server=${TEST_POSTGRES_URL:-postgresql://postgres@127.0.0.1:5432/postgres}

# The generated Prisma client is specific to one provider: the run on
# PostgreSQL generates its own, and the one prepare generated (for the app's
# DATABASE_URL) is generated again when it ends, however it ends, for the
# suites that follow and the app. A subshell, so that the EXIT trap is its own.
api_on_postgres() (
  trap 'node_modules/.bin/prisma generate >/dev/null ||
    echo "Could not generate the Prisma client again: run node_modules/.bin/prisma generate" >&2' EXIT
  DATABASE_URL=$postgres_server node_modules/.bin/prisma generate >/dev/null &&
    TEST_DATABASE_URL=$postgres_server yarn rw test api --no-watch
)

suite "shared rules" count_node_test node --import tsx --test packages/rules/src/*.test.ts
suite "pinpoint sandbox" count_node_test yarn workspace @mms/pinpoint-sandbox test
suite "api" count_jest yarn rw test api --no-watch
suite "api (PostgreSQL)" count_jest api_on_postgres
suite "web" count_jest yarn rw test web --no-watch
suite "browser" count_node_test bash scripts/e2e.sh

printf '\n'
if [ ${#failures[@]} -gt 0 ]; then
  printf 'Failed suites: %s\n' "${failures[*]}"
fi
echo "$passed passed, $failed failed"
[ ${#failures[@]} -eq 0 ]
