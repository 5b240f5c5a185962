#!/usr/bin/env bash
# Installs what the build and tests need on a fresh Debian machine; quick when all is there.
set -euo pipefail
cd "$(dirname "$0")/.."
need=()
command -v chromium >/dev/null || need+=(chromium)
command -v chromium-headless-shell >/dev/null || need+=(chromium-headless-shell) # pack-pdf prints with it
command -v nginx >/dev/null || need+=(nginx-light)
command -v pdftotext >/dev/null || need+=(poppler-utils)
command -v htpasswd >/dev/null || need+=(apache2-utils)
command -v sqlite3 >/dev/null || need+=(sqlite3) # the browser history test reads Chromium's History database
if [ ${#need[@]} -gt 0 ]; then
  echo "installing system packages: ${need[*]}"
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
# npm ci installs exactly the committed lock (and fails when package.json and the lock disagree); it starts
# from an empty node_modules, so it runs only when something is missing or the lock changed.
if [ -n "${CI:-}" ] || [ ! -x node_modules/.bin/node ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
