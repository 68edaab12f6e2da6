# Pathlight: `make run` serves the demo, `make test` runs every suite.
# Both install what they need first (scripts/install-deps).
SHELL := /bin/bash
JOBS ?= 2
DB ?= sqlite:var/pathlight.db
PORT ?= 8080
SCALE ?= medium

.PHONY: run test bench clean deps build-release build-dev test-dev test-asan

deps:
	@scripts/install-deps

build-release: deps
	cmake --preset release >/dev/null
	cmake --build --preset release -j $(JOBS)

build-dev: deps
	cmake --preset dev >/dev/null
	cmake --build --preset dev -j $(JOBS)

# Builds, creates the demo database when it is empty, and serves the API (and
# the web application, once built) on http://127.0.0.1:$(PORT).
run: build-release
	build/release/pathlight demo --db $(DB) --scale $(SCALE)
	build/release/pathlight serve --db $(DB) --port $(PORT)

# C++ unit tests, both databases (a throwaway PostgreSQL server is started by
# the suite), the fuzz corpus, then the same tests under ASan+UBSan.
test: test-dev test-asan

test-dev: build-dev
	ctest --preset dev -j $(JOBS)

test-asan: deps
	cmake --preset asan >/dev/null
	cmake --build --preset asan -j $(JOBS)
	ctest --preset asan -j $(JOBS) -LE slow

bench: build-release
	bench/run-all

clean:
	rm -rf build test-results
