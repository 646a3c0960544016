#!/usr/bin/env bash
# Installs ukmem into a scratch prefix and builds the README's first program against it
# with pkg-config, as a user of the installed package would; then runs it.
set -euo pipefail
build=$1
src=$2
extra_cflags=${3:-}	# the sanitizer flags when the library was built with them
prefix=$(mktemp -d)
trap 'rm -rf "$prefix"' EXIT
cmake --install "$build" --prefix "$prefix" >/dev/null
export PKG_CONFIG_PATH="$prefix/lib/pkgconfig:$prefix/lib/x86_64-linux-gnu/pkgconfig"
for pc in ukmem ukmem-kapi ukmem-module; do
  pkg-config --exists "$pc" || { echo "missing $pc.pc"; exit 1; }
done
sed -n '/^```c/,/^```$/p' "$src/README.md" | sed '1d;$d' > "$prefix/first.c"
cc $extra_cflags "$prefix/first.c" -o "$prefix/first" $(pkg-config --cflags ukmem-kapi) \
   $(pkg-config --libs ukmem-kapi) -Wl,-rpath,"$(pkg-config --variable=libdir ukmem)" -rdynamic
"$prefix/first" > "$prefix/out" 2> "$prefix/err"
grep -q "zone DMA32" "$prefix/out"
grep -q "Node 1, zone    DMA32" "$prefix/out"
grep -q "BUG: Bad page state in process first" "$prefix/err"
echo "installed package builds and runs the README program: 1 passed, 0 failed"
