#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# modpost for ukmem's Kbuild: checks a linked module before it becomes <module>.ko, as
# Linux's scripts/mod/modpost does. Every symbol the module uses must be exported by
# ukmem (Module.symvers) or be one of the C library's functions that the kernel also
# provides under the same name and meaning (libc-symbols.txt); a symbol exported with
# EXPORT_SYMBOL_GPL may be used only by a module whose MODULE_LICENSE() is
# GPL-compatible (Linux's list: include/linux/license.h); the module must carry a
# MODULE_LICENSE(). Errors are printed in modpost's words and fail the build.
# Symbols that the objects of the other modules built with it export (EXPORT_SYMBOL's
# __ksymtab markers) are known too, as Linux's modpost knows every module of one build.
# With KBUILD_MODPOST_WARN set (make KBUILD_MODPOST_WARN=1), an undefined symbol is a
# warning, as in Linux, and the module is left for the loader to refuse ("Unknown symbol").
# Usage: modpost.sh KBUILD_DIR LINKED_OBJECT MODULE.ko [OBJECT...]
set -u
kdir=$1 obj=$2 ko=$3
shift 3
case $ko in /*) ;; *) ko=$(pwd)/$ko ;; esac
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
: > "$tmp/siblings"
[ $# -gt 0 ] && nm "$@" 2>/dev/null | awk '$3 ~ /^__ksymtab_/ { print $3 }' | sort -u > "$tmp/siblings"
{ cut -f2 "$kdir/Module.symvers"; grep -v '^#' "$kdir/scripts/libc-symbols.txt"
  sed -n 's/^__ksymtab_gpl_//p; s/^__ksymtab_//p' "$tmp/siblings"; } | sort -u > "$tmp/known"
{ awk -F '\t' '$4 == "EXPORT_SYMBOL_GPL" { print $2 }' "$kdir/Module.symvers"
  sed -n 's/^__ksymtab_gpl_//p' "$tmp/siblings"; } | sort -u > "$tmp/gpl"
objcopy -O binary --only-section=.modinfo "$obj" "$tmp/modinfo" 2>/dev/null
license=$(tr '\0' '\n' < "$tmp/modinfo" 2>/dev/null | sed -n 's/^license=//p' | head -n 1)
case $license in
"GPL"|"GPL v2"|"GPL and additional rights"|"Dual BSD/GPL"|"Dual MIT/GPL"|"Dual MPL/GPL")
	gpl_compatible=1 ;;
*)	gpl_compatible=0 ;;
esac
status=0
for sym in $(nm -D --undefined-only "$obj" | awk '$1 == "U" { print $2 }' | sed 's/@.*//' | sort -u); do
	if ! grep -qxF "$sym" "$tmp/known"; then
		if [ -n "${KBUILD_MODPOST_WARN:-}" ]; then
			echo "WARNING: modpost: \"$sym\" [$ko] undefined!" >&2
		else
			echo "ERROR: modpost: \"$sym\" [$ko] undefined!" >&2
			status=1
		fi
	elif [ $gpl_compatible -eq 0 ] && grep -qxF "$sym" "$tmp/gpl"; then
		echo "ERROR: modpost: GPL-incompatible module $(basename "$ko") uses GPL-only symbol '$sym'" >&2
		status=1
	fi
done
if [ -z "$license" ] && ! tr '\0' '\n' < "$tmp/modinfo" 2>/dev/null | grep -q '^license='; then
	echo "ERROR: modpost: missing MODULE_LICENSE() in ${ko%.ko}.o" >&2
	status=1
fi
exit $status
