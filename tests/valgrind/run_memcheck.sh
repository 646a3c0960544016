#!/usr/bin/env bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# Runs one case of memcheck_cases under valgrind and checks memcheck's verdict: the clean
# case must give no error at all, each planted bug its own report naming where the
# block came from. Usage: run_memcheck.sh <valgrind> <memcheck_cases> <case>
set -u
valgrind=$1 prog=$2 case=$3
leak=no
[ "$case" = kmalloc_leak ] && leak=full
out=$("$valgrind" -q --error-exitcode=99 --leak-check=$leak "$prog" "$case" 2>&1)
rc=$?
expect() {
  grep -qF -- "$1" <<<"$out" || { echo "missing: $1"; echo "$out"; exit 1; }
}
# memcheck says "a recently re-allocated block" when the address was freed shortly before
# (the slab's randomised freelist may hand out an object boot had used and freed).
expect_after_block() {
  grep -qE -- "is 0 bytes after a (recently re-allocated )?block of size $1 alloc'd" <<<"$out" ||
    { echo "missing: is 0 bytes after a block of size $1 alloc'd"; echo "$out"; exit 1; }
}
case $case in
  clean)
    [ $rc -eq 0 ] || { echo "memcheck found errors in the clean run (status $rc)"; echo "$out"; exit 1; } ;;
  kmemleak)
    [ $rc -eq 0 ] || { echo "memcheck errors or a wrong leak count (status $rc)"; echo "$out"; exit 1; }
    expect "kmemleak: unreferenced object 0x" ;;
  uninit)
    expect "Conditional jump or move depends on uninitialised value(s)"
    expect "by 0x"; expect "uninit (memcheck_cases.c" ;;
  overrun)
    expect "Invalid write of size 1"
    expect_after_block 100
    expect "__vmalloc_node_range (vmalloc.c" ;;
  use_after_free)
    expect "Invalid read of size 1"
    expect "is 5,000 bytes inside a block of size 8,192 free'd"
    expect "do_vfree (vmalloc.c" ;;
  kmalloc_uninit)
    expect "Conditional jump or move depends on uninitialised value(s)"
    expect "kmalloc_uninit (memcheck_cases.c" ;;
  kmalloc_leak)
    expect "200 bytes in 1 blocks are definitely lost in loss record"
    expect "kmalloc_leak_buffer (memcheck_cases.c"
    n=$(grep -c "are definitely lost\|are possibly lost" <<<"$out")
    [ "$n" -eq 1 ] || { echo "expected exactly one lost block, memcheck found $n"; echo "$out"; exit 1; } ;;
  kmalloc_overrun)
    expect "Invalid write of size 1"
    expect_after_block 200
    expect "kmalloc_overrun (memcheck_cases.c" ;;
  slab_use_after_free)
    expect "Invalid read of size 8"
    expect "is 24 bytes inside a block of size 64 free'd"
    expect "slab_free_slow (slub.c"
    expect "Block was alloc'd at"
    expect "slab_alloc_slow (slub.c" ;;
  *) echo "unknown case $case"; exit 2 ;;
esac
[ "$case" = clean ] || [ "$case" = kmemleak ] || [ $rc -eq 99 ] || { echo "expected valgrind's error status, got $rc"; echo "$out"; exit 1; }
echo "$case: as expected"
