#!/usr/bin/env bash
# npm test: the system packages it needs, static checks, a production build, then every test project.
set -euo pipefail
cd "$(dirname "$0")/.."
node scripts/check-prerequisites.mjs
npm run typecheck
npm run lint
npm run build
# Keychain tests run against a private gnome-keyring (keychain-locked locks its own); keychain-down runs with no
# Secret Service at all.
scripts/with-test-keyring.sh npx vitest run --project main --project renderer --project e2e
scripts/with-test-keyring.sh npx vitest run --project keychain-locked
env -u DBUS_SESSION_BUS_ADDRESS DISPLAY= WAYLAND_DISPLAY= npx vitest run --project keychain-down
