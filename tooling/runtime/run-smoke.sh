#!/usr/bin/env bash
# Runs a package's runtime smoke cases (default test/runtime/smoke.ts) under Bun and Deno,
# against its built dist/. Call it from the package folder: bash ../../tooling/runtime/run-smoke.sh
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
smoke=${1:-test/runtime/smoke.ts}
SMOKE=$smoke "$root/node_modules/.bin/bun" test "$here/bun.test.ts"
SMOKE=$smoke "$root/node_modules/.bin/deno" test -A --no-lock --quiet "$here/deno.test.ts"
