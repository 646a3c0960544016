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
# The other modules' exports (__ksymtab_* markers in their objects).
if [ $# -gt 0 ]; then nm "$@" 2>/dev/null; fi > "$tmp/siblings"
objcopy -O binary --only-section=.modinfo "$obj" "$tmp/modinfo" 2>/dev/null
tr '\0' '\n' < "$tmp/modinfo" 2>/dev/null > "$tmp/modinfo.txt"
nm -D --undefined-only "$obj" > "$tmp/undefined"
# One pass: what is known (and GPL-only), the license, then each symbol the module uses.
awk -v ko="$ko" -v warn="${KBUILD_MODPOST_WARN:-}" -v q="'" '
FILENAME == ARGV[1] { known[$2] = 1; if ($4 == "EXPORT_SYMBOL_GPL") gpl[$2] = 1; next }
FILENAME == ARGV[2] { if ($0 !~ /^#/ && $0 != "") known[$0] = 1; next }
FILENAME == ARGV[3] {
	if ($3 ~ /^__ksymtab_gpl_/) { s = substr($3, 15); known[s] = gpl[s] = 1 }
	else if ($3 ~ /^__ksymtab_/) known[substr($3, 11)] = 1
	next
}
FILENAME == ARGV[4] {
	if (!has_license && $0 ~ /^license=/) { has_license = 1; license = substr($0, 9) }
	next
}
$1 == "U" { sub(/@.*/, "", $2); used[$2] = 1 }
END {
	compatible = license == "GPL" || license == "GPL v2" ||
		     license == "GPL and additional rights" || license == "Dual BSD/GPL" ||
		     license == "Dual MIT/GPL" || license == "Dual MPL/GPL"
	n = split(ko, parts, "/")
	status = 0
	cmd = "sort"
	for (sym in used) {
		if (!(sym in known)) {
			if (warn != "")
				print "WARNING: modpost: \"" sym "\" [" ko "] undefined!" | cmd
			else {
				print "ERROR: modpost: \"" sym "\" [" ko "] undefined!" | cmd
				status = 1
			}
		} else if (!compatible && (sym in gpl)) {
			print "ERROR: modpost: GPL-incompatible module " parts[n] \
			      " uses GPL-only symbol " q sym q | cmd
			status = 1
		}
	}
	close(cmd)
	if (!has_license) {
		k = ko; sub(/\.ko$/, "", k)
		print "ERROR: modpost: missing MODULE_LICENSE() in " k ".o"
		status = 1
	}
	exit status
}' "$kdir/Module.symvers" "$kdir/scripts/libc-symbols.txt" "$tmp/siblings" \
   "$tmp/modinfo.txt" "$tmp/undefined" >&2
