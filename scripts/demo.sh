#!/usr/bin/env bash
# One command for the demo: generate sample data, build the demo month, serve it.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
npm run demo -- "$@"
