#!/usr/bin/env bash
# Installs Debian's chromium, and a font so that its screenshots show text, for the report's browser test
# (ReportEndToEndTest), when they are not there yet. CI runs this before the test suite; outside CI the test skips
# itself, saying why, where chromium is missing.
set -euo pipefail
if command -v chromium >/dev/null 2>&1 && dpkg -s fonts-dejavu-core >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core
