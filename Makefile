# Pathlight: `make run` serves the demo, `make test` runs every suite.
# Both install what they need first (scripts/install-deps).
SHELL := /bin/bash
JOBS ?= 2
DB ?= sqlite:var/pathlight.db
PORT ?= 8080
SCALE ?= medium

.PHONY: run test bench clean deps build-release build-dev web test-dev test-web test-e2e test-asan

deps:
	@scripts/install-deps

build-release: deps
	cmake --preset release >/dev/null
	cmake --build --preset release -j $(JOBS)

build-dev: deps
	cmake --preset dev >/dev/null
	cmake --build --preset dev -j $(JOBS)

# The web application: type check, production build into web/dist, and the
# home page's JavaScript budget (web/scripts/check-size.mjs).
web: deps
	cd web && npm run build

# Builds the server and the web application and serves both on
# http://127.0.0.1:$(PORT). When the database is empty the demo data set is
# loaded in the background; the pages show its progress.
run: build-release web
	build/release/pathlight serve --db $(DB) --port $(PORT) --demo $(SCALE)

# C++ unit tests, both databases (a throwaway PostgreSQL server is started by
# the suite), the fuzz corpus; the web application's unit tests, bundle budget
# and browser tests; then the C++ tests again under ASan+UBSan.
test: test-dev test-web test-e2e test-asan

test-dev: build-dev
	ctest --preset dev -j $(JOBS)

test-web: deps
	cd web && npm test

# playwright-core drives Debian's chromium against build/dev/pathlight serving web/dist.
test-e2e: build-dev web
	cd web && PATHLIGHT_BIN=build/dev/pathlight npm run test:e2e

test-asan: deps
	cmake --preset asan >/dev/null
	cmake --build --preset asan -j $(JOBS)
	ctest --preset asan -j $(JOBS) -LE slow

bench: build-release
	bench/run-all

clean:
	rm -rf build test-results web/dist
