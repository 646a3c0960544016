#!/usr/bin/env bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# Installs (or names) the Debian 12 packages ukmem needs to build, test and benchmark.
# Usage: scripts/deps.sh [demo|build|bench|fuzz]   -- idempotent; quiet when all are present.
#   demo   the library and the ukmem command (`make demo`)
#   build  also the tests and the programs they run (`make check`)
#   bench  also the allocators and plotting the benchmarks compare with (`make bench`)
#   fuzz   the library's packages and clang with libFuzzer (`make fuzz`)
set -euo pipefail
mode=${1:-build}
pkgs=(build-essential cmake pkg-config liburcu-dev libcairo2-dev fonts-dejavu-core
      systemtap-sdt-dev libdw-dev libfuse3-dev fuse3)
case $mode in
  demo) ;;
  fuzz) pkgs+=(clang libclang-rt-14-dev) ;;
  build|bench)
    pkgs+=(libcriterion-dev valgrind
           python3 libpython3.11-testsuite git sqlite3 redis-server redis-tools pciutils
           linux-source-6.1)
    if [ "$mode" = bench ]; then
      pkgs+=(libjemalloc-dev libmimalloc-dev libgoogle-perftools-dev gnuplot-nox
             linux-headers-amd64 bc)
    fi
    ;;
  *) echo "usage: scripts/deps.sh [demo|build|bench|fuzz]" >&2; exit 2 ;;
esac
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
