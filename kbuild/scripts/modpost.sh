#!/bin/sh
# modpost for ukmem's Kbuild: checks a linked module before it becomes <module>.ko, as
# Linux's scripts/mod/modpost does. Every symbol the module uses must be exported by
# ukmem (Module.symvers) or be one of the C library's functions that the kernel also
# provides under the same name and meaning (libc-symbols.txt); the module must carry a
# MODULE_LICENSE(). Errors are printed in modpost's words and fail the build.
# Usage: modpost.sh KBUILD_DIR LINKED_OBJECT MODULE.ko
set -u
kdir=$1 obj=$2 ko=$3
case $ko in /*) ;; *) ko=$(pwd)/$ko ;; esac
known=$(mktemp) || exit 1
trap 'rm -f "$known"' EXIT
{ cut -f2 "$kdir/Module.symvers"; grep -v '^#' "$kdir/scripts/libc-symbols.txt"; } | sort -u > "$known"
status=0
for sym in $(nm -D --undefined-only "$obj" | awk '$1 == "U" { print $2 }' | sed 's/@.*//' | sort -u); do
	if ! grep -qxF "$sym" "$known"; then
		echo "ERROR: modpost: \"$sym\" [$ko] undefined!" >&2
		status=1
	fi
done
if ! objcopy -O binary --only-section=.modinfo "$obj" /dev/stdout 2>/dev/null | tr '\0' '\n' | grep -q '^license='; then
	echo "ERROR: modpost: missing MODULE_LICENSE() in ${ko%.ko}.o" >&2
	status=1
fi
exit $status
