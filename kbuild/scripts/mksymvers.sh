#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# Writes Module.symvers for ukmem's Kbuild directory: the functions and variables the
# ukmem library exports to modules, in the format of Linux's Module.symvers
# (CRC, symbol, module, export type, namespace; ukmem keeps no CRCs).
# Usage: mksymvers.sh LIBRARY OUT
set -eu
nm -D --defined-only "$1" | awk 'NF == 3 && $2 ~ /[TDBRVWiu]/ { print $3 }' | sed 's/@.*//' | sort -u |
	awk '{ printf "0x00000000\t%s\tvmlinux\tEXPORT_SYMBOL\t\n", $1 }' > "$2.tmp"
mv "$2.tmp" "$2"
