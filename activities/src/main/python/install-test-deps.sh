#!/usr/bin/env bash
# Installs what the Python contract tests need (numpy only; torch is for training) from Debian packages, when the
# Debian interpreter cannot import it yet. CI runs this before the test suite; the Java test that runs the Python
# tests skips itself, saying why, where numpy is missing.
set -euo pipefail
if /usr/bin/python3 -c 'import numpy' >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends python3-numpy
