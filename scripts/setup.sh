#!/usr/bin/env bash
# Installs what MixupLab's tests and quick experiments use from Debian's packages (idempotent).
# Real Fashion-MNIST comes from the package dataset-fashion-mnist; nothing is downloaded at run time.
set -uo pipefail
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
  echo "setup: not root or no apt-get; skipping system packages" >&2
  exit 0
fi
need=()
[ -d /usr/share/datasets/fashion-mnist ] || need+=(dataset-fashion-mnist)
if [ ${#need[@]} -gt 0 ]; then
  (apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${need[@]}") >&2 \
    || echo "setup: could not install ${need[*]}; tests that need them will say so" >&2
fi
