#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# Extracts the corpus's files (corpus.list: each path and its aux= files) and Linux's
# header directories (for the header-graph test) from Debian's linux-source-6.1 tarball
# into OUT/linux, once per build tree (a stamp names the list's checksum).
# Usage: extract.sh LIST TARBALL OUT
set -eu
list=$1 tarball=$2 out=$3
if [ ! -r "$tarball" ]; then
	echo "corpus: $tarball not found: install Debian's linux-source-6.1 (scripts/deps.sh check does)" >&2
	exit 1
fi
sum=$(cat "$list" "$0" | cksum | cut -d' ' -f1)
[ -f "$out/stamp.$sum" ] && exit 0
rm -rf "$out" && mkdir -p "$out"
top=$(tar -tJf "$tarball" 2>/dev/null | head -1 | cut -d/ -f1)
members=$(grep -v '^#' "$list" | awk 'NF {
	print $1
	for (i = 2; i <= NF; i++) if ($i ~ /^aux=/) { n = split(substr($i, 5), a, ","); for (j = 1; j <= n; j++) print a[j] }
}' | sort -u | sed "s|^|$top/|")
members="$members $top/include $top/arch/x86/include $top/tools/testing/kunit"
# shellcheck disable=SC2086
tar -xJf "$tarball" -C "$out" $members
mv "$out/$top" "$out/linux"
# Module directories are made under build/ at each file's own depth, so that relative
# includes of the tools tree ("../tools/testing/...") find it there.
mkdir -p "$out/build" && ln -s ../linux/tools "$out/build/tools"
touch "$out/stamp.$sum"
