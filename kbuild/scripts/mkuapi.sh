#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# Makes ukmem's UAPI layer for kernel builds: for each header named in uapi-allowed.txt,
# a one-line header in OUT that includes the host's copy (Debian's linux-libc-dev, made
# from Linux 6.1's include/uapi). Kernel code is compiled with -nostdinc, so these are
# the only host headers it can reach.
# Usage: mkuapi.sh ALLOWED_LIST OUT_DIR [HOST_INCLUDE]
set -eu
list=$1 out=$2 host=${3:-/usr/include}
arch=$(${CC:-cc} -print-multiarch 2>/dev/null || echo x86_64-linux-gnu)
rm -rf "$out.tmp" && mkdir -p "$out.tmp"
grep -v '^#' "$list" | grep -v '^$' | while read -r h; do
	case $h in
	asm/*) src=$host/$arch/$h ;;
	*) src=$host/$h ;;
	esac
	[ -f "$src" ] || { echo "mkuapi: $src missing (install linux-libc-dev)" >&2; exit 1; }
	mkdir -p "$out.tmp/$(dirname "$h")"
	printf '/* ukmem: Linux 6.1 UAPI header from the host (linux-libc-dev). */\n#include "%s"\n' \
		"$src" > "$out.tmp/$h"
done
rm -rf "$out" && mv "$out.tmp" "$out"
