#!/usr/bin/env bash
# Entry point of `npm start` and `npm test`: obtains Yarn, installs, prepares
# the database, then starts the app or runs every test.
set -euo pipefail
cd "$(dirname "$0")/.."

# Yarn comes through corepack from the npm registry npm already uses, so a
# machine that reaches only that registry can install it.
if [ -z "${COREPACK_NPM_REGISTRY:-}" ]; then
  COREPACK_NPM_REGISTRY="$(npm config get registry 2>/dev/null | sed 's#/*$##')"
  export COREPACK_NPM_REGISTRY
fi
export COREPACK_ENABLE_DOWNLOAD_PROMPT=0
export REDWOOD_DISABLE_TELEMETRY=1
export PRISMA_HIDE_UPDATE_MESSAGE=true
# node-gyp builds against the local Node headers instead of downloading them.
if [ -z "${npm_config_nodedir:-}" ] && [ -f /usr/include/node/node.h ]; then
  export npm_config_nodedir=/usr
fi

yarn() { corepack yarn "$@"; }

step() { printf '\n== %s\n' "$*"; }

prepare() {
  step "Installing dependencies"
  if [ -n "${CI:-}" ]; then
    yarn install --immutable
  else
    yarn install
  fi
  step "Building shared rules"
  yarn workspace @mms/rules build
  step "Generating the Prisma client and applying migrations"
  yarn rw prisma generate >/dev/null
  yarn rw prisma migrate deploy
}

case "${1:-}" in
  start)
    prepare
    exec node_modules/.bin/tsx scripts/start.ts
    ;;
  test)
    prepare
    exec bash scripts/test.sh
    ;;
  *)
    echo "usage: $0 start|test" >&2
    exit 2
    ;;
esac
