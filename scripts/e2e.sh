#!/usr/bin/env bash
# Starts the app on its embedded defaults (npm start's stack), runs the
# browser tests against it in headless Chromium, and stops it again.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
    echo "Installing Chromium from Debian's packages for the browser tests"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "The browser tests need Debian's chromium package: sudo apt-get install chromium" >&2
    exit 1
  fi
fi

log=.redwood/test-logs/app.log
mkdir -p "$(dirname "$log")"

# A database and media store of their own, so test users and uploads never
# land in the development data.
export DATABASE_URL="file:$PWD/.redwood/e2e.db"
rm -f .redwood/e2e.db .redwood/e2e.db-journal .redwood/e2e.db-wal .redwood/e2e.db-shm
corepack yarn rw prisma migrate deploy >/dev/null
SANDBOX_S3_DIR="$(mktemp -d)"
export SANDBOX_S3_DIR
# Delivery events 1.5 s apart, so a page can be seen to change from SENT to
# DELIVERED.
export SANDBOX_EVENT_DELAY_MS=1500
setsid node_modules/.bin/tsx scripts/start.ts >"$log" 2>&1 &
app=$!
stop_app() {
  kill -TERM -- "-$app" 2>/dev/null || true
  wait "$app" 2>/dev/null || true
  rm -rf "$SANDBOX_S3_DIR"
}
trap stop_app EXIT

for _ in $(seq 1 240); do
  if grep -q 'The MMS app is running' "$log"; then break; fi
  if ! kill -0 "$app" 2>/dev/null; then
    echo "The app failed to start:" >&2
    tail -50 "$log" >&2
    exit 1
  fi
  sleep 1
done
grep -q 'The MMS app is running' "$log" || { echo "The app did not start in time" >&2; tail -50 "$log" >&2; exit 1; }

node --import tsx --test web/e2e/*.e2e.ts
