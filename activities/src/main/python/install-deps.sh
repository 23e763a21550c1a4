#!/usr/bin/env bash
# Install the Python dependencies of vigil_flows from Debian packages (PyPI is not used).
# Idempotent: does nothing when the interpreter can already import torch.
#   PYTHON=/usr/bin/python3 ./install-deps.sh      (default: python3, then /usr/bin/python3)
# Debian's python3-torch (1.13.1, CPU) lands in /usr/lib/python3/dist-packages, which only the
# Debian interpreter (/usr/bin/python3) sees; a pyenv/venv python3 on PATH will not see it.
set -euo pipefail

PY="${PYTHON:-python3}"
have_torch() { "$1" -c 'import torch, numpy' >/dev/null 2>&1; }

if have_torch "$PY"; then
  echo "torch already importable with $PY: $("$PY" -c 'import torch; print(torch.__version__)')"
  exit 0
fi
if [ -x /usr/bin/python3 ] && have_torch /usr/bin/python3; then
  echo "torch already importable with /usr/bin/python3 (use PYTHON=/usr/bin/python3)"
  exit 0
fi

PKGS="python3-torch python3-numpy"
# python3-onnx is optional: only used to validate the exported graph when present.
if apt-cache show python3-onnx >/dev/null 2>&1; then PKGS="$PKGS python3-onnx"; fi

if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update
# shellcheck disable=SC2086
$SUDO apt-get install -y --no-install-recommends $PKGS

if have_torch "$PY"; then
  echo "installed; torch importable with $PY"
elif have_torch /usr/bin/python3; then
  echo "installed; use /usr/bin/python3 (the Debian interpreter), e.g. PYTHON=/usr/bin/python3"
else
  echo "torch still not importable after installing $PKGS" >&2
  exit 1
fi
