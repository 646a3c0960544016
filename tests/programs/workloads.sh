# SPDX-License-Identifier: LGPL-2.1-or-later
# The real-program workloads of issue 12, to be sourced by the CI harness
# (run_program.sh) and the allocator benchmark (bench/malloc/run.sh).
#
# WORKLOADS names them; for each NAME:
#   workload_setup_NAME DIR  prepares the inputs in DIR (run once, without any preload);
#   workload_run_NAME DIR    runs the real, unmodified program on them under whatever
#                            LD_PRELOAD the environment holds, prints a deterministic
#                            result on stdout and returns non-zero on failure.
# Invariants: a run never changes the inputs, so it may be repeated on one DIR (it works
# in DIR/run, recreated each time); every printed line is a pure function of the inputs
# (no times, addresses, allocator-dependent sizes or hash-seeded orders), so a run on any
# correct malloc prints the same bytes as one on glibc's; stderr stays empty unless
# something failed. Each entry point runs its steps (workload_NAME_setup/_run) in a fresh
# bash with errexit and pipefail, so any failing step fails it wherever it is called
# from, and sourcing this file changes nothing in the caller. The preload reaches only
# the real programs (started through workload_program) and what they start; the shell
# glue around them (bash, cp, sort, sha256sum, ...) runs on the system's malloc, so a
# failure is always the program's.

WORKLOADS=(python gcc git sqlite redis)
WORKLOADS_HOME=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
WORKLOAD_PYTHON=${WORKLOAD_PYTHON:-/usr/bin/python3}	# Debian's, which has its test suite

# Runs the steps function "$1" on DIR "$2" in a new bash (bash ignores errexit inside
# functions called under if, while, && or ||; a new process does not inherit that),
# holding the caller's LD_PRELOAD in WORKLOAD_PRELOAD for workload_program.
workload_fresh_shell() {
  WORKLOAD_PRELOAD=${LD_PRELOAD:-} LD_PRELOAD= \
    bash -c 'set -euo pipefail; source "$0"; "$1" "$2"' "$WORKLOADS_HOME/workloads.sh" "$@"
}

# Runs the real program "$@" with the caller's LD_PRELOAD.
workload_program() {
  LD_PRELOAD=${WORKLOAD_PRELOAD:-} "$@"
}

# Prints the memory map of a program started as the workloads start theirs, so that a
# harness can check the preload reaches them: workload_fresh_shell workload_program_maps /
workload_program_maps() {
  workload_program cat /proc/self/maps
}

workload_setup_python() { workload_fresh_shell workload_python_setup "$1"; }
workload_run_python() { workload_fresh_shell workload_python_run "$1"; }
workload_setup_gcc() { workload_fresh_shell workload_gcc_setup "$1"; }
workload_run_gcc() { workload_fresh_shell workload_gcc_run "$1"; }
workload_setup_git() { workload_fresh_shell workload_git_setup "$1"; }
workload_run_git() { workload_fresh_shell workload_git_run "$1"; }
workload_setup_sqlite() { workload_fresh_shell workload_sqlite_setup "$1"; }
workload_run_sqlite() { workload_fresh_shell workload_sqlite_run "$1"; }
workload_setup_redis() { workload_fresh_shell workload_redis_setup "$1"; }
workload_run_redis() { workload_fresh_shell workload_redis_run "$1"; }

# A fresh scratch directory DIR/run for one run; prints its path.
workload_scratch() {
  rm -rf "$1/run" && mkdir -p "$1/run" && echo "$1/run"
}

# The same locale, time zone and no user configuration for every program.
workload_environment() {
  export LC_ALL=C TZ=UTC
  unset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE GIT_OBJECT_DIRECTORY
}

# Prints LABEL and the sha256 of what "$@" prints; fails when "$@" fails.
workload_hash() {
  local label=$1 sum
  shift
  sum=$("$@" | sha256sum) || return 1
  echo "$label ${sum%% *}"
}

# Runs "$@" with stdout and stderr kept in LOG; on failure shows LOG on stderr.
workload_quietly() {
  local log=$1
  shift
  if ! "$@" >"$log" 2>&1; then
    echo "workload: failed: $*" >&2
    tail -n 40 "$log" >&2
    return 1
  fi
}

# --- python: a computation-heavy script and a slice of CPython's regression tests -------
# PYTHONMALLOC=malloc sends every object to malloc (not only those above pymalloc's 512
# bytes), so the preloaded allocator serves all of Python's memory.
WORKLOAD_PYTHON_TESTS=(test_list test_dict test_set test_json test_re test_long test_sort
  test_collections test_heapq test_bisect test_functools test_fractions test_textwrap
  test_struct test_userdict test_csv test_int test_float test_range test_copy test_operator
  test_string test_difflib test_enum test_dataclasses test_slice test_complex test_format
  test_hashlib)

workload_python_setup() {
  mkdir -p "$1"
  cp "$WORKLOADS_HOME/python_compute.py" "$WORKLOADS_HOME/python_regrtest.py" "$1/"
}

workload_python_run() {
  set -- "$(cd "$1" && pwd)"
  workload_environment
  local scratch
  scratch=$(workload_scratch "$1")
  cd "$scratch"
  export PYTHONMALLOC=malloc PYTHONHASHSEED=0 PYTHONDONTWRITEBYTECODE=1 TMPDIR=$scratch
  workload_program "$WORKLOAD_PYTHON" -s "$1/python_compute.py"
  workload_program "$WORKLOAD_PYTHON" -s "$1/python_regrtest.py" "${WORKLOAD_PYTHON_TESTS[@]}"
}

# --- gcc: compile a generated C file of 800 functions with -O2, link it and run it ------
workload_gcc_setup() {
  mkdir -p "$1"
  "$WORKLOAD_PYTHON" "$WORKLOADS_HOME/gen_c_program.py" 800 >"$1/program.c"
}

workload_gcc_run() {
  set -- "$(cd "$1" && pwd)"
  workload_environment
  local scratch
  scratch=$(workload_scratch "$1")
  cd "$scratch"
  cp "$1/program.c" .
  workload_program gcc -O2 -frandom-seed=ukmem -c program.c -o program.o
  workload_program gcc program.o -o program
  workload_program ./program
  workload_hash "object sha256" cat program.o
  size program.o
}

# --- git: a generated history of 800 commits over some 300 files -------------------------
# Fixed names and dates (from the import stream and the environment) make every hash
# deterministic, including the merge commit the run creates.
workload_git_identity() {
  export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null
  export GIT_AUTHOR_NAME="Ukmem Workload" GIT_AUTHOR_EMAIL=workload@example.org
  export GIT_COMMITTER_NAME="Ukmem Workload" GIT_COMMITTER_EMAIL=workload@example.org
  export GIT_AUTHOR_DATE="1800000000 +0000" GIT_COMMITTER_DATE="1800000000 +0000"
}

workload_git() {
  workload_program git "$@"
}

workload_git_setup() {
  set -- "$(cd "$1" && pwd)"
  workload_environment
  workload_git_identity
  rm -rf "$1/repo"
  mkdir -p "$1"
  git init -q -b main "$1/repo"
  "$WORKLOAD_PYTHON" "$WORKLOADS_HOME/gen_git_history.py" 800 300 |
    git -C "$1/repo" fast-import --quiet
  git -C "$1/repo" reset -q --hard main
}

workload_git_run() {
  set -- "$(cd "$1" && pwd)"
  workload_environment
  workload_git_identity
  local scratch head count file
  scratch=$(workload_scratch "$1")
  workload_git clone -q --no-hardlinks "$1/repo" "$scratch/repo"
  cd "$scratch/repo"
  workload_git branch -q topic origin/topic
  head=$(workload_git rev-parse HEAD)
  count=$(workload_git rev-list --count HEAD)
  echo "head $head commits $count"
  workload_hash "log --stat" workload_git log --stat
  workload_hash "log -p" workload_git log -p --no-color
  workload_git log --format='%h %an %s' -5
  workload_git diff --stat HEAD~300 HEAD | tail -n 1
  workload_hash "diff HEAD~300" workload_git diff HEAD~300 HEAD
  for file in $(workload_git ls-files | sed -n '1p;60p;120p;180p;240p;300p'); do
    workload_hash "blame $file" workload_git blame --porcelain "$file"
  done
  workload_git shortlog -sn HEAD
  workload_hash "grep" workload_git grep -c 'slab cache' HEAD
  workload_git merge -q --no-ff -m "merge topic" topic
  head=$(workload_git rev-parse HEAD)
  echo "merge $head tree $(workload_git rev-parse 'HEAD^{tree}')"
  workload_git repack -q -a -d -f --depth=50 --window=50
  workload_git prune-packed
  workload_git fsck --full --strict --no-progress --no-dangling
  workload_hash "objects" workload_git rev-list --objects --all
  workload_git count-objects -v | grep -E '^(count|in-pack|packs):'
}

# --- sqlite: 20k customers imported from CSV, 100k generated orders, indexes, queries ---
workload_sqlite_setup() {
  mkdir -p "$1"
  awk 'BEGIN { for (i = 1; i <= 20000; i++)
                 printf "%d,customer%05d,city%03d,%d\n", i, (i * 7919) % 20000, i % 331, 1950 + i % 60 }' \
    >"$1/customers.csv"
  cp "$WORKLOADS_HOME/sqlite_workload.sql" "$1/"
}

workload_sqlite_run() {
  set -- "$(cd "$1" && pwd)"
  workload_environment
  local scratch
  scratch=$(workload_scratch "$1")
  cd "$scratch"
  cp "$1/customers.csv" .
  workload_program sqlite3 -batch -bail workload.db <"$1/sqlite_workload.sql"
}

# --- redis: a server on a free loopback port, redis-benchmark, then exact checks -------
workload_redis_setup() {
  mkdir -p "$1"
  "$WORKLOAD_PYTHON" "$WORKLOADS_HOME/gen_redis_commands.py" >"$1/load.resp"
}

# Starts redis-server on a random free loopback port; sets REDIS_PORT and REDIS_PID. A
# port taken by anyone else makes the server exit at once saying so (or another server
# answers there, with another pid), and the next candidate is tried; any other failure
# to start is final.
workload_redis_start() {
  local scratch=$1 attempt poll info
  for attempt in 1 2 3 4 5 6 7 8; do
    REDIS_PORT=$((20000 + (RANDOM * 32768 + RANDOM) % 40000))
    : >"$scratch/redis.log"
    # Not through workload_program: $! must be the server itself, not a subshell.
    LD_PRELOAD=${WORKLOAD_PRELOAD:-} redis-server --bind 127.0.0.1 --port "$REDIS_PORT" \
      --save "" --appendonly no --daemonize no --dir "$scratch" \
      --logfile "$scratch/redis.log" --enable-debug-command local --protected-mode yes \
      >>"$scratch/redis.out" 2>&1 &
    REDIS_PID=$!
    # Up to a minute for the server to answer (a busy machine, the preload's start-up):
    # the loop ends as soon as it does, so only a server that never starts waits it out.
    for poll in $(seq 600); do
      kill -0 "$REDIS_PID" 2>/dev/null || break
      if [ "$(workload_redis ping 2>/dev/null)" = PONG ]; then
        info=$(workload_redis info server)
        [[ $info == *"process_id:$REDIS_PID"* ]] && return 0
        break
      fi
      sleep 0.1
    done
    workload_redis_stop
    grep -q "Address already in use" "$scratch/redis.log" || break
  done
  echo "workload: redis-server did not start (last port tried: $REDIS_PORT)" >&2
  tail -n 20 "$scratch/redis.log" "$scratch/redis.out" >&2
  return 1
}

# Ends the server started by workload_redis_start, if any.
workload_redis_stop() {
  [ -n "${REDIS_PID:-}" ] || return 0
  kill "$REDIS_PID" 2>/dev/null || true
  wait "$REDIS_PID" 2>/dev/null || true
  REDIS_PID=
}

workload_redis() {
  workload_program redis-cli -p "$REDIS_PORT" "$@"
}

# A reply whose order comes from the server's hash seed, sorted.
workload_redis_sorted() {
  workload_redis "$@" | sort
}

workload_redis_run() {
  set -- "$(cd "$1" && pwd)"
  workload_environment
  local scratch
  scratch=$(workload_scratch "$1")
  REDIS_PID=
  trap workload_redis_stop EXIT
  workload_redis_start "$scratch"
  workload_quietly "$scratch/benchmark.log" workload_program redis-benchmark -h 127.0.0.1 -p "$REDIS_PORT" \
    -n 20000 -c 16 -r 5000 -d 96 -q \
    -t ping_inline,set,get,incr,lpush,rpush,lpop,rpop,sadd,hset,spop,zadd,lrange_100,mset
  echo "benchmark done, server answers $(workload_redis ping)"
  workload_redis flushall
  workload_redis --pipe <"$1/load.resp" | grep '^errors:'
  echo "dbsize $(workload_redis dbsize)"
  echo "digest $(workload_redis debug digest)"
  workload_redis get str:00043
  workload_redis strlen big:3
  workload_redis getrange big:3 100000 100040
  workload_redis llen list:1
  workload_redis lrange list:1 0 4
  workload_redis lindex list:1 -1
  workload_redis scard set:2
  workload_hash "smembers sorted" workload_redis_sorted smembers set:2
  workload_hash "hgetall sorted" workload_redis_sorted hgetall hash:1
  workload_redis hlen hash:0
  workload_redis hget hash:0 field:1234
  workload_redis zcard zset:0
  workload_redis zrange zset:0 0 4 withscores
  workload_redis zrangebyscore zset:0 1000 1010
  workload_redis get counter
  workload_redis object encoding list:1
  workload_redis shutdown nosave >/dev/null 2>&1 || true
  local status=0
  wait "$REDIS_PID" || status=$?
  REDIS_PID=
  if [ "$status" -ne 0 ]; then
    echo "workload: redis-server exited with status $status" >&2
    tail -n 40 "$scratch/redis.log" >&2
    exit 1
  fi
  echo "server exited cleanly"
}
