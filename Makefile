# SPDX-License-Identifier: LGPL-2.1-or-later
# Front door for newcomers: `make demo` and `make check` (see README.md).
JOBS ?= $(shell nproc)
BUILD ?= build
ASAN_BUILD ?= build-asan
DEMO_BUILD ?= build-demo
VALGRIND_BUILD ?= build-valgrind
TSAN_BUILD ?= build-tsan
FUZZ_BUILD ?= build-fuzz
FUZZ_TIME ?= 600
SOAK_TIME ?= 600
CMAKE_FLAGS ?=

.PHONY: all deps deps-demo demo check check-normal check-asan check-valgrind check-tsan bench fuzz soak clean

all: deps
	cmake -S . -B $(BUILD) -DUKMEM_WERROR=ON $(CMAKE_FLAGS) >/dev/null
	cmake --build $(BUILD) -j$(JOBS)

deps:
	@scripts/deps.sh build

deps-demo:
	@scripts/deps.sh demo

# The demo needs the library and the command only: no tests, no benchmarks, and the
# compiler's lines go to a log that is shown only if the build fails.
demo: deps-demo
	@mkdir -p $(DEMO_BUILD)
	@echo "ukmem: building the library and the ukmem command in $(DEMO_BUILD)/ (log: $(DEMO_BUILD)/build.log) ..."
	@{ cmake -S . -B $(DEMO_BUILD) -DUKMEM_TESTS=OFF -DUKMEM_BENCH=OFF $(CMAKE_FLAGS) && \
	   cmake --build $(DEMO_BUILD) -j$(JOBS) --target ukmem_cli; } >$(DEMO_BUILD)/build.log 2>&1 || \
	   { tail -n 40 $(DEMO_BUILD)/build.log; echo "ukmem: the build failed; see $(DEMO_BUILD)/build.log" >&2; exit 1; }
	@echo "ukmem: built $(DEMO_BUILD)/tools/ukmem; running ukmem demo"
	@$(DEMO_BUILD)/tools/ukmem demo

# Every test, in the normal build and under AddressSanitizer + UBSan; the memcheck
# subset under Valgrind; the concurrency tests under ThreadSanitizer.
check: check-normal check-asan check-valgrind check-tsan

check-normal: all
	cd $(BUILD) && ctest --output-on-failure -j$(JOBS)

check-asan: deps
	cmake -S . -B $(ASAN_BUILD) -DUKMEM_WERROR=ON -DUKMEM_SANITIZE=ON -DUKMEM_BENCH=OFF $(CMAKE_FLAGS) >/dev/null
	cmake --build $(ASAN_BUILD) -j$(JOBS)
	cd $(ASAN_BUILD) && ctest --output-on-failure -j$(JOBS)

# Valgrind sees ukmem's blocks only with its client requests compiled in.
check-valgrind: deps
	cmake -S . -B $(VALGRIND_BUILD) -DUKMEM_WERROR=ON -DUKMEM_VALGRIND=ON -DUKMEM_TESTS=ON -DUKMEM_BENCH=OFF $(CMAKE_FLAGS) >/dev/null
	cmake --build $(VALGRIND_BUILD) -j$(JOBS) --target memcheck_cases
	cd $(VALGRIND_BUILD) && ctest --output-on-failure -j$(JOBS) -L valgrind

# ThreadSanitizer: the library and the tests of locks, CPUs, deferred work and the
# allocators under threads (tests/tsan); a data race fails the test.
check-tsan: deps
	cmake -S . -B $(TSAN_BUILD) -DUKMEM_WERROR=ON -DUKMEM_SANITIZE=thread -DUKMEM_BENCH=OFF $(CMAKE_FLAGS) >/dev/null
	cmake --build $(TSAN_BUILD) -j$(JOBS) --target tsan_tests
	cd $(TSAN_BUILD) && ctest --output-on-failure -j$(JOBS) -L tsan

# The libFuzzer harnesses (fuzz/): a clang build with ASan + UBSan, each fuzzer run for
# FUZZ_TIME seconds in turn (FUZZ_TARGETS="boot replay ctl user" by default); corpora,
# crashes and logs stay in $(FUZZ_BUILD)/ (docs/reliability.md).
fuzz:
	@scripts/deps.sh fuzz
	CC=clang cmake -S . -B $(FUZZ_BUILD) -DUKMEM_WERROR=ON -DUKMEM_FUZZ=ON -DUKMEM_SANITIZE=ON \
		-DUKMEM_TESTS=OFF -DUKMEM_BENCH=OFF $(CMAKE_FLAGS) >/dev/null
	cmake --build $(FUZZ_BUILD) -j$(JOBS) --target fuzzers
	fuzz/run.sh $(FUZZ_BUILD) $(FUZZ_TIME) $(FUZZ_TARGETS)

# SOAK_TIME seconds of allocator threads with fault injection, module loads and unloads
# and control-socket clients, then every counter back at its baseline (fuzz/soak.c).
soak: all
	$(BUILD)/fuzz/ukmem_soak $(SOAK_TIME)

bench: all
	@scripts/deps.sh bench
	bench/run.sh $(BUILD)

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) $(VALGRIND_BUILD) $(TSAN_BUILD) $(DEMO_BUILD) $(FUZZ_BUILD)
