# Ledger — dealer DMS warehouse, KPI reports and driver-monitoring scoring.
# Every target installs what it needs on a fresh Debian machine (make deps).

SWIFT ?= swift
CONFIG ?= release
BUILD_DIR ?= .build
BIN = $(BUILD_DIR)/$(CONFIG)
PREFIX ?= /usr/local
DEMO_DIR ?= demo-out
APT_PACKAGES = libsqlite3-dev libxml2-dev libssl-dev zlib1g-dev libminizip-dev libpq-dev postgresql pkg-config sqlite3 libxml2-utils

.PHONY: all deps build test ci demo bench lint install clean

all: build

# Debian packages the build and tests need; installed only when missing.
deps:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	fi

build: deps
	$(SWIFT) build -c $(CONFIG) --build-path $(BUILD_DIR)

# Every test: unit, golden and end-to-end (the end-to-end tests run the release binaries).
# A throwaway PostgreSQL cluster (scripts/pg-cluster.sh) runs for the duration and is
# handed to the tests as LEDGER_PG_URL.
test: build
	@bash scripts/install-chromium.sh
	@bash scripts/install-libreoffice.sh
	@url="$$(bash scripts/pg-cluster.sh start)" || exit 1; \
	  LEDGER_PG_URL="$$url" LEDGER_BIN=$(abspath $(BIN)) $(SWIFT) test --build-path $(BUILD_DIR) --disable-xctest; \
	  rc=$$?; bash scripts/pg-cluster.sh stop; exit $$rc

# What CI runs: lint, warnings as errors, every test.
ci: deps lint
	@bash scripts/install-chromium.sh
	@bash scripts/install-libreoffice.sh
	$(SWIFT) build -c $(CONFIG) --build-path $(BUILD_DIR) -Xswiftc -warnings-as-errors
	@url="$$(bash scripts/pg-cluster.sh start)" || exit 1; \
	  CI=$${CI:-1} LEDGER_PG_URL="$$url" LEDGER_BIN=$(abspath $(BIN)) $(SWIFT) test --build-path $(BUILD_DIR) --disable-xctest -Xswiftc -warnings-as-errors; \
	  rc=$$?; bash scripts/pg-cluster.sh stop; exit $$rc

# Load the shipped samples, report and score them.
demo: build
	@bash scripts/demo.sh "$(abspath $(BIN))" "$(DEMO_DIR)"

bench: build
	@bash bench/run.sh "$(abspath $(BIN))"

# Layering rules of the house style, checked by grep.
lint:
	@bash scripts/lint.sh

install: build
	install -d $(DESTDIR)$(PREFIX)/bin
	install -m 755 $(BIN)/dms-import $(BIN)/dms-report $(BIN)/dms-dms $(DESTDIR)$(PREFIX)/bin/

clean:
	rm -rf $(BUILD_DIR) $(DEMO_DIR)

.PHONY: reliability fuzz

# Fault injection at full size (docs/reliability.md): 50 SIGKILLs, full disk, 4 concurrent
# runs with a reader, resent inbox, hostile corpus with the huge generated files.
reliability: build
	@bash scripts/reliability.sh "$(abspath $(BIN))" "$(BUILD_DIR)"

# libFuzzer targets, FUZZ_SECONDS each (default 600), built into .build-fuzz.
fuzz:
	@FUZZ_SECONDS=$${FUZZ_SECONDS:-600} bash scripts/fuzz.sh
