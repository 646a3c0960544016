#!/bin/sh
# Builds one corpus file unchanged with ukmem's Kbuild directory and, for "run" entries,
# runs it with `ukmem run`. The file gets a module directory of its own at the depth of
# its directory in the Linux tree (lib/x.c in build/lib-x/), so that its relative
# includes ("../tools/...") resolve, and a Kbuild file of one line: obj-m := <name>.o.
# Usage: build_run.sh LIST CORPUS_DIR KBUILD_DIR UKMEM PATH
# Exit status: 0 when the entry does what its line expects to be possible ("run":
# built, loaded, init returned 0, no report; "build": built), non-zero otherwise
# (CTest inverts this for "fails" entries).
set -u
list=$1 corpus=$2 kdir=$3 ukmem=$4 path=$5
line=$(grep -v '^#' "$list" | awk -v p="$path" '$1 == p')
expect=$(echo "$line" | awk '{ print $2 }')
args=$(echo "$line" | tr ' ' '\n' | sed -n 's/^args=//p' | tr ',' ' ')
src=$corpus/linux/$path
name=$(basename "$path" .c)
dir=$(dirname "$path")
moddir=$corpus/build/$(dirname "$dir")/$(basename "$dir")-$name
rm -rf "$moddir" && mkdir -p "$moddir"
cp "$src" "$moddir/"
echo "obj-m := $name.o" > "$moddir/Kbuild"
echo "== building $path with $kdir"
if ! make -C "$kdir" M="$moddir" modules; then
	echo "corpus: $path: does not build"
	exit 1
fi
[ "$expect" = build ] && { echo "corpus: $path: builds"; exit 0; }
echo "== running $name.ko $args"
# shellcheck disable=SC2086
"$ukmem" run --cmdline "mem=256M" "$moddir/$name.ko" $args
status=$?
echo "corpus: $path: ukmem run exited $status"
exit $status
