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
# The headers' version, the library's and pkg-config's agree; the library is versioned.
libdir=$(pkg-config --variable=libdir ukmem)
cat > "$prefix/version.c" <<'PROGRAM'
#include <stdio.h>
#include <string.h>
#include <ukmem.h>
int main(void)
{
	puts(ukmem_version());
	return strcmp(UKMEM_VERSION, ukmem_version()) != 0;
}
PROGRAM
cc $extra_cflags "$prefix/version.c" -o "$prefix/version" $(pkg-config --cflags --libs ukmem) \
   -Wl,-rpath,"$libdir"
[ "$("$prefix/version")" = "$(pkg-config --modversion ukmem)" ]
[ -L "$libdir/libukmem.so" ] && [ -e "$libdir/libukmem.so.0" ]
readelf -d "$libdir/libukmem.so" | grep -q "SONAME.*libukmem.so.0"
echo "installed package builds and runs the README program and a version check: 2 passed, 0 failed"
