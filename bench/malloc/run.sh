#!/usr/bin/env bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# bench/malloc/run.sh [BUILD_DIR] [REPEATS]: the allocator benchmark (ukmem as malloc).
# Runs the stress programs (bench/malloc/*.c) and the real-program workloads
# (tests/programs/workloads.sh, when present) under glibc's malloc, jemalloc, mimalloc,
# tcmalloc and ukmem (BUILD_DIR/malloc/libukmem-malloc.so), REPEATS times each (default
# 5), allocators taking turns within each repeat. Each run is measured by malloc_runner
# (wall time, CPU time, peak RSS of the largest process) and its stdout must equal that
# of an unmeasured reference run under glibc made first.
# Prints a table of medians with ratios to the fastest peer (the four non-ukmem
# allocators) and to glibc, checks ukmem against its targets, and writes
# BUILD_DIR/bench/malloc/results/{runs.tsv,table.md,plot.png}.
# Environment: UKMEM_WORKLOADS (workloads file to use instead), MALLOC_BENCH_ONLY
# (space-separated program names to run, e.g. "churn python"), MALLOC_BENCH_TIME_LIMIT
# (seconds one run may take before its process group is killed; default 600).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=$(cd "${1:-$root/build}" && pwd)
repeats=${2:-5}
bin=$build/bench/malloc
out=$bin/results
workloads=${UKMEM_WORKLOADS:-$root/tests/programs/workloads.sh}
time_limit=${MALLOC_BENCH_TIME_LIMIT:-600}
stress_programs=(churn prodcons realloc frag)

# The shared object of a Debian library package: ldconfig's cache first, then dpkg.
find_library() {
  local soname=$1 package=$2 path
  path=$(ldconfig -p | awk -v n="$soname" '$1 == n { print $NF; exit }')
  if [ -z "$path" ]; then
    path=$(dpkg -L "$package" 2>/dev/null | grep "/$soname\$" | head -n1 || true)
  fi
  [ -n "$path" ] && [ -e "$path" ] && echo "$path"
}

allocators=(glibc)
declare -A preload=([glibc]="")
add_allocator() {
  local name=$1 path=$2 missing_hint=$3
  if [ -n "$path" ] && [ -e "$path" ]; then
    allocators+=("$name")
    preload[$name]=$path
  else
    echo "note: $name not found ($missing_hint); skipped" >&2
  fi
}
peer_hint="scripts/deps.sh bench installs the peers"
add_allocator jemalloc "$(find_library libjemalloc.so.2 libjemalloc2 || true)" "$peer_hint"
add_allocator mimalloc "$(find_library libmimalloc.so.2 libmimalloc2.0 || true)" "$peer_hint"
add_allocator tcmalloc "$(find_library libtcmalloc_minimal.so.4 libtcmalloc-minimal4 ||
                          find_library libtcmalloc.so.4 libgoogle-perftools4 || true)" "$peer_hint"
add_allocator ukmem "$build/malloc/libukmem-malloc.so" "build the ukmem-malloc target"

for tool in "$bin/malloc_runner" "${stress_programs[@]/#/$bin/malloc_}"; do
  [ -x "$tool" ] || { echo "missing $tool: build $build first" >&2; exit 1; }
done

machine="machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(free -g | awk '/Mem:/{print $2}') GiB, $(uname -sr); $repeats repeats"
allocator_paths="allocators: $(for a in "${allocators[@]}"; do printf '%s=%s ' "$a" "${preload[$a]:-libc}"; done)"
echo "$machine" >&2
echo "$allocator_paths" >&2
rm -rf "$out/logs"
mkdir -p "$out/logs"
: >"$out/runs.tsv"

selected() {
  [ -z "${MALLOC_BENCH_ONLY:-}" ] && return 0
  [[ " $MALLOC_BENCH_ONLY " == *" $1 "* ]]
}

# programs[i] is "NAME KIND" (stress or real); a real program's inputs are in work/NAME.
programs=()
for p in "${stress_programs[@]}"; do
  selected "$p" && programs+=("$p stress")
done
if [ -f "$workloads" ]; then
  mapfile -t real_programs < <(bash -c 'source "$1" && printf "%s\n" "${WORKLOADS[@]}"' _ "$workloads")
  for p in "${real_programs[@]}"; do
    selected "$p" || continue
    rm -rf "$out/work/$p" && mkdir -p "$out/work/$p"
    if bash -c 'source "$1" && "workload_setup_$2" "$3"' _ "$workloads" "$p" "$out/work/$p" \
        >"$out/work/$p.setup.log" 2>&1; then
      programs+=("$p real")
    else
      echo "note: workload $p could not be set up (see $out/work/$p.setup.log); skipped" >&2
    fi
  done
else
  echo "note: no $workloads; real programs skipped" >&2
fi

# Sets command to the command line that runs program $1 of kind $2.
program_command() {
  if [ "$2" = real ]; then
    command=(bash -c 'source "$1" && "workload_run_$2" "$3"' _ "$workloads" "$1" "$out/work/$1")
  else
    command=("$bin/malloc_$1")
  fi
}

# An unmeasured run under glibc whose stdout every measured run must reproduce; it also
# brings the program's files into the page cache. Fails when the program fails.
reference_run() {
  local -a command
  program_command "$1" "$2"
  "$bin/malloc_runner" -o /dev/null -t "$time_limit" -- "${command[@]}" \
      >"$out/logs/$1.reference" 2>"$out/logs/$1.reference.err" </dev/null
}

# One measured run; appends "PROGRAM KIND ALLOCATOR REPEAT WALL RSS OUTCOME CPU" to runs.tsv.
measure() {
  local name=$1 kind=$2 alloc=$3 rep=$4 log=$out/logs/$1.$3
  local -a command
  program_command "$name" "$kind"
  rm -f "$out/last"
  local outcome=ok
  "$bin/malloc_runner" -o "$out/last" -p "${preload[$alloc]}" -t "$time_limit" -- "${command[@]}" \
      >"$log.out" 2>"$log.err" </dev/null || outcome=failed
  if [ "$outcome" = ok ] && ! cmp -s "$log.out" "$out/logs/$name.reference"; then
    outcome=differs
  fi
  if [ "$outcome" != ok ]; then
    cp "$log.out" "$log.$rep.out" && cp "$log.err" "$log.$rep.err"
    echo "  $name under $alloc, repeat $rep: $outcome (see $log.$rep.*)" >&2
  fi
  read -r wall rss _ cpu <"$out/last"
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$kind" "$alloc" "$rep" "$wall" "$rss" "$outcome" "$cpu" \
      >>"$out/runs.tsv"
}

for entry in "${programs[@]}"; do
  read -r name kind <<<"$entry"
  echo "running $name ($kind)" >&2
  if ! reference_run "$name" "$kind"; then
    echo "note: $name fails under glibc (see $out/logs/$name.reference.err); skipped" >&2
    continue
  fi
  for rep in $(seq 1 "$repeats"); do
    for alloc in "${allocators[@]}"; do
      measure "$name" "$kind" "$alloc" "$rep"
    done
  done
done
rm -f "$out/last"

awk -f "$here/summarize.awk" -v table="$out/table.md" -v plotdata="$out/plot.dat" \
    -v order="${allocators[*]}" -v header="$machine
$allocator_paths" "$out/runs.tsv"
cat "$out/table.md"
if command -v gnuplot >/dev/null; then
  nstress=$(awk -F'\t' '$2 == "stress" { print $1 }' "$out/runs.tsv" | sort -u | wc -l)
  gnuplot -e "datafile='$out/plot.dat'; output='$out/plot.png'; n=${#allocators[@]}; nstress=$nstress" \
      "$here/plot.gp"
  echo "plot: $out/plot.png"
else
  echo "note: gnuplot not installed (scripts/deps.sh bench); no plot" >&2
fi
echo "table: $out/table.md, runs: $out/runs.tsv"
