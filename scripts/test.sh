#!/usr/bin/env bash
# One command for every check and test on a fresh machine.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
npm test
