#!/usr/bin/env bash
# Installs Prometheus from Debian when missing: `prometheus` (the server and promtool) and `prometheus-alertmanager`
# (amtool). CI runs this before the test suite: the alert rules' unit tests run `promtool test rules`, and the
# end-to-end test starts a real Prometheus on 127.0.0.1. Debian's package scripts start no service here; the tests
# start the server themselves. Outside CI those tests skip themselves, saying why, where the binaries are missing.
set -euo pipefail
if command -v promtool >/dev/null 2>&1 && command -v prometheus >/dev/null 2>&1 \
    && command -v amtool >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends prometheus prometheus-alertmanager
