#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# Makes the last include directory of ukmem's kernel builds: for every Linux 6.1 header
# (HEADER_LIST) that neither ukmem's kernel API (KAPI_DIR) nor the allowed UAPI headers
# provide, a header that stops the build with an error naming it. Kernel builds use
# -nostdinc, so a header ukmem lacks can never be taken from the host instead.
# Usage: mkrefused.sh HEADER_LIST KAPI_DIR UAPI_LIST OUT_DIR
set -eu
list=$1 kapi=$2 uapi=$3 out=$4
rm -rf "$out.tmp" && mkdir -p "$out.tmp"
have=$(mktemp)
{ (cd "$kapi" && find . -name '*.h' | sed 's|^\./||'); grep -v '^#' "$uapi"; } | sort -u > "$have"
refused=$(grep -v '^#' "$list" | sort -u | comm -23 - "$have")
rm -f "$have"
cd "$out.tmp"
# shellcheck disable=SC2086
mkdir -p $(echo "$refused" | sed "s|/[^/]*$||" | sort -u)
echo "$refused" | awk '{ printf "#error \"ukmem: <%s> is not supported by ukmem yet (see docs/compat.md)\"\n", $0 > $0; close($0) }'
cd - >/dev/null
rm -rf "$out" && mv "$out.tmp" "$out"
