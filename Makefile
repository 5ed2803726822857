# gcplay: `make serve` to look at it, `make test` to check it.
SHELL := /bin/bash
# npm's binaryen (wasm-opt 132) must come before Debian's, which breaks the module.
export PATH := $(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)

PKG := www/pkg
WASM := $(PKG)/gcplay_bg.wasm
PORT ?= 8000

.PHONY: setup wasm build serve test test-rust test-wasm test-e2e lint clean bench bench-smoke fuzz

setup:
	@scripts/setup.sh

# The core compiled to wasm, optimised for size. Panics carry no source
# location (-Zlocation-detail=none, 8.5 KB gzip less) and `{:?}` formats
# nothing (-Zfmt-debug=none, 1 KB): the page never shows a panic's message or
# a Debug text (docs/size.md). Unstable rustc flags, hence RUSTC_BOOTSTRAP.
# RUSTFLAGS replaces .cargo/config.toml's flags for the target: its stack size
# is repeated. The standard library is built with the module (-Zbuild-std,
# rust-src), for size as the rest, and a panic traps at once
# (-Cpanic=immediate-abort): 23.6 KB gzip less, and faster. wasm-opt inlines
# a function with one caller only if it is tiny (10 bytes, not any size):
# 9.9 KB gzip less, as the inlined copies compress worse than the calls.
WASM_RUSTFLAGS := -C link-arg=-zstack-size=16777216 -Zlocation-detail=none -Zfmt-debug=none -Zunstable-options -Cpanic=immediate-abort
WASM_CARGOFLAGS := -Zbuild-std=std,panic_abort -Zbuild-std-features=optimize_for_size

wasm: setup
	RUSTC_BOOTSTRAP=1 RUSTFLAGS="$(WASM_RUSTFLAGS)" wasm-pack --quiet build crate --profile wasm --target web --out-dir ../$(PKG) --no-pack --no-opt -- $(WASM_CARGOFLAGS)
	wasm-opt --duplicate-function-elimination --merge-similar-functions --one-caller-inline-max-function-size=10 -Oz --converge --strip-producers --strip-target-features --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-reference-types --enable-mutable-globals $(WASM) -o $(WASM)

# The static site in www/dist.
build: wasm
	npm run --silent build

serve: build
	@echo "gcplay at http://127.0.0.1:$(PORT)"
	npx vite preview --config www/vite.config.ts --host 127.0.0.1 --port $(PORT) --strictPort

# typecheck needs the wasm package's generated types
lint: wasm
	cargo fmt --all --check
	cargo clippy --all-targets -- -D warnings
	cargo clippy --target wasm32-unknown-unknown --all-targets -- -D warnings
	npm run --silent typecheck

test-rust: setup
	cargo test --quiet

test-wasm: setup
	cd crate && wasm-pack test --headless --chrome --chromedriver /usr/bin/chromedriver

test-e2e: build
	npm run --silent test:e2e

# The benchmarks in bench/ under gcplay (native and wasm), CPython 3.13.0 and
# pyodide, interleaved, 5 runs each: a table of medians and target/bench/results.json;
# then the built page drawing a step of ~200 live objects in Chromium.
bench: build
	cargo build --quiet --release --bin gcplay
	node scripts/bench.mjs

# Every benchmark program once with a tiny N under every runner, and the page a few steps; nothing timed.
bench-smoke: build
	cargo build --quiet --release --bin gcplay
	node scripts/bench.mjs --smoke

# Coverage-guided fuzzing (docs/reliability.md, "Fuzzing"), not part of `make test`:
# each target in fuzz/ for FUZZ_SECONDS; installs cargo-fuzz if it is missing.
FUZZ_SECONDS ?= 60
fuzz:
	FUZZ_SECONDS=$(FUZZ_SECONDS) scripts/fuzz.sh

test: lint test-rust test-wasm test-e2e bench-smoke

clean:
	cargo clean
	rm -rf www/dist $(PKG)
