#!/usr/bin/env bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# Installs ukmem into a scratch prefix (cmake --install) and builds the README's first
# program against it with pkg-config and with find_package(ukmem), as users of the
# installed package would, and with the README's build-from-tree command; then runs them.
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
# liburcu and libdw reach static links through Requires.private, not as bare -l words.
pkg-config --print-requires-private ukmem | grep -q "^liburcu-memb"
pkg-config --static --libs ukmem | grep -q -- "-lurcu-memb"

# find_package(ukmem CONFIG): a CMake project builds the README program with ukmem::kapi
# and a module linked into a program with ukmem::module, and runs both.
mkdir "$prefix/consumer"
cp "$prefix/first.c" "$prefix/consumer/first.c"
cp "$src/examples/primitives/hello.c" "$prefix/consumer/hello.c"
cat > "$prefix/consumer/CMakeLists.txt" <<'PROJECT'
cmake_minimum_required(VERSION 3.20)
project(consumer C)
find_package(ukmem 0.1 CONFIG REQUIRED)
add_executable(first first.c)
target_link_libraries(first PRIVATE ukmem::kapi)
set_target_properties(first PROPERTIES ENABLE_EXPORTS ON)
add_executable(hello hello.c)
target_compile_definitions(hello PRIVATE KBUILD_MODNAME="hello")
target_link_libraries(hello PRIVATE ukmem::module)
file(WRITE ${CMAKE_BINARY_DIR}/kbuild_dir "${ukmem_KBUILD_DIR}")
PROJECT
cmake -S "$prefix/consumer" -B "$prefix/consumer/build" -DCMAKE_PREFIX_PATH="$prefix" \
      -DCMAKE_C_FLAGS="$extra_cflags" -DCMAKE_EXE_LINKER_FLAGS="$extra_cflags" >/dev/null
cmake --build "$prefix/consumer/build" >/dev/null
"$prefix/consumer/build/first" > "$prefix/out2" 2> "$prefix/err2"
grep -q "Node 1, zone    DMA32" "$prefix/out2"
grep -q "BUG: Bad page state in process first" "$prefix/err2"
"$prefix/consumer/build/hello" > "$prefix/out3" 2>&1
grep -q "goodbye" "$prefix/out3"
[ -f "$(cat "$prefix/consumer/build/kbuild_dir")/Module.symvers" ]

# The README's build-from-tree command, exactly as written, in a directory that looks like
# the source tree (include/ and build/ are the real ones).
tree=$prefix/tree
mkdir "$tree"
ln -s "$src/include" "$tree/include"
ln -s "$build" "$tree/build"
cp "$prefix/first.c" "$tree/first.c"
command=$(grep -o '`cc first.c -Iinclude[^`]*`' "$src/README.md" | tr -d '`')
[ -n "$command" ]
(cd "$tree" && eval "$command $extra_cflags" && ./a.out > out 2> err)
grep -q "Node 1, zone    DMA32" "$tree/out"
echo "installed package builds and runs the README program, a version check, find_package and pkg-config consumers and the README's in-tree command: 5 passed, 0 failed"
