# Front door for newcomers: `make demo` and `make check` (see README.md).
JOBS ?= $(shell nproc)
BUILD ?= build
ASAN_BUILD ?= build-asan
CMAKE_FLAGS ?=

.PHONY: all deps demo check check-normal check-asan bench clean

all: deps
	cmake -S . -B $(BUILD) -DUKMEM_WERROR=ON $(CMAKE_FLAGS) >/dev/null
	cmake --build $(BUILD) -j$(JOBS)

deps:
	@scripts/deps.sh build

demo: all
	$(BUILD)/tools/ukmem demo

# Every test, in the normal build and under AddressSanitizer + UBSan.
check: check-normal check-asan

check-normal: all
	cd $(BUILD) && ctest --output-on-failure -j$(JOBS)

check-asan: deps
	cmake -S . -B $(ASAN_BUILD) -DUKMEM_WERROR=ON -DUKMEM_SANITIZE=ON -DUKMEM_BENCH=OFF $(CMAKE_FLAGS) >/dev/null
	cmake --build $(ASAN_BUILD) -j$(JOBS)
	cd $(ASAN_BUILD) && ctest --output-on-failure -j$(JOBS)

bench: all
	@scripts/deps.sh bench
	bench/run.sh $(BUILD)

clean:
	rm -rf $(BUILD) $(ASAN_BUILD)
