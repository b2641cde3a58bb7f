#!/usr/bin/env bash
# npm run bench: speed figures (medians and ratios) against the real keychain; prints a table per benchmark.
set -euo pipefail
cd "$(dirname "$0")/.."
npm run build
scripts/with-test-keyring.sh npx vitest run --project bench --reporter=verbose "$@"
