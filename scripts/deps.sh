#!/usr/bin/env bash
# Installs (or names) the Debian 12 packages ukmem needs to build, test and benchmark.
# Usage: scripts/deps.sh [build|bench]   -- idempotent; quiet when all are present.
set -euo pipefail
pkgs=(build-essential cmake pkg-config libcriterion-dev liburcu-dev libpng-dev
      systemtap-sdt-dev valgrind
      python3 libpython3.11-testsuite git sqlite3 redis-server redis-tools)
if [ "${1:-build}" = bench ]; then
  pkgs+=(libjemalloc-dev libmimalloc-dev libgoogle-perftools-dev gnuplot-nox)
fi
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -eq 0 ]; then
  echo "ukmem: installing ${missing[*]}" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
elif command -v sudo >/dev/null; then
  echo "ukmem: installing ${missing[*]} with sudo" >&2
  sudo apt-get update -qq
  sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
else
  echo "ukmem: please install: apt-get install ${missing[*]}" >&2
  exit 1
fi
