#!/usr/bin/env bash
# dist/ is what GitHub runs for `uses: …/runtime-guard@v1`: it must be exactly what a fresh build of
# packages/action produces (run after `pnpm build`).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -n "$(git status --porcelain -- dist/)" ]; then
  echo "dist/ differs from a fresh build of packages/action:" >&2
  git status --short -- dist/ >&2
  git --no-pager diff --stat -- dist/ >&2
  echo "Run 'pnpm build' and commit dist/." >&2
  exit 1
fi
echo "dist/ matches a fresh build."
