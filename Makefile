# Two commands do all set-up on a fresh machine: `make serve` and `make test` (see README).
SHELL := /bin/bash
PY := .venv/bin/python
PIP := .venv/bin/pip
PYODIDE_WHEELS := .cache/pyodide-wheels
# The browser for the tests: $CHROMIUM, /usr/bin/chromium, google-chrome or chromium-browser on PATH
# (the order lives in localsite.chromium_path; GitHub's Ubuntu runners have Google Chrome).
ifndef CHROMIUM
CHROMIUM := $(shell python3 localsite.py 2>/dev/null)
endif
export CHROMIUM
# Firefox for tests/firefox: $FIREFOX, /usr/bin/firefox-esr, firefox-esr or firefox on PATH (localsite.firefox_path).
ifndef FIREFOX
FIREFOX := $(shell python3 localsite.py firefox 2>/dev/null)
endif
export FIREFOX

.PHONY: setup build serve test test-unit test-build test-pyodide test-browser lint bench check-content clean chromium libreoffice firefox test-firefox

setup: .venv/.installed node_modules/.installed

.venv/.installed: requirements.lock pyproject.toml
	python3 -m venv .venv
	$(PIP) install --quiet --disable-pip-version-check -r requirements.lock
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $@

check-content: .venv/.installed
	$(PY) -m guide check content

build: setup
	$(PY) -m mkdocs build --strict --clean

serve: build
	$(PY) -m mkdocs serve --strict --no-livereload -a 127.0.0.1:8000

lint: .venv/.installed
	.venv/bin/ruff check calc guide hooks tests bench localsite.py
	.venv/bin/ruff format --check calc guide hooks tests bench localsite.py

# Pure-Python wheels for running the calc tests inside Pyodide under Node (fetched once from PyPI).
$(PYODIDE_WHEELS)/.fetched: tests/pyodide/requirements.txt
	mkdir -p $(PYODIDE_WHEELS)
	$(PIP) download --quiet --disable-pip-version-check --only-binary=:all: --platform any \
	  --python-version 3.14 --implementation py --abi none -d $(PYODIDE_WHEELS) -r tests/pyodide/requirements.txt
	touch $@

# Only on Debian itself: Ubuntu's chromium package is a snap wrapper that does not run in containers.
chromium:
	@if [ -n "$$CHROMIUM" ] && [ -x "$$CHROMIUM" ]; then echo "Browser für die Tests: $$CHROMIUM"; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null && grep -qx 'ID=debian' /etc/os-release; then \
	  echo "Chromium fehlt: installiere Debians Paket chromium"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else echo "Kein Chromium oder Chrome gefunden (gesucht: \$$CHROMIUM, /usr/bin/chromium, chromium," \
	  "google-chrome, google-chrome-stable, chromium-browser, \$$CHROME_BIN): CHROMIUM=/pfad/zum/browser setzen" >&2; exit 1; \
	fi

# Debian's Firefox ESR for tests/firefox (driven by puppeteer-core over WebDriver BiDi; never downloaded).
# Only on Debian as root, like chromium; otherwise the Firefox tests are skipped with the reason.
firefox:
	@if [ -n "$$FIREFOX" ] && [ -x "$$FIREFOX" ]; then echo "Firefox für die Tests: $$FIREFOX"; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null && grep -qx 'ID=debian' /etc/os-release; then \
	  echo "Firefox fehlt: installiere Debians Paket firefox-esr"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq firefox-esr >/dev/null; \
	else echo "Kein Firefox gefunden (gesucht: \$$FIREFOX, /usr/bin/firefox-esr, firefox-esr, firefox) und keine" \
	  "Installation möglich (nur als root auf Debian): die Firefox-Tests werden übersprungen;" \
	  "FIREFOX=/pfad/zu/firefox setzen" >&2; \
	fi

# LibreOffice Writer for the council paper tests (tests/officekit.py): Debian's and Ubuntu's package
# libreoffice-writer-nogui, as root or with password-less sudo; otherwise those tests are skipped.
libreoffice:
	@if command -v soffice >/dev/null; then echo "LibreOffice für die Tests: $$(command -v soffice)"; \
	elif command -v apt-get >/dev/null && { [ "$$(id -u)" = 0 ] || sudo -n true 2>/dev/null; }; then \
	  sudo=$$([ "$$(id -u)" = 0 ] || echo sudo -n); \
	  echo "LibreOffice fehlt: installiere das Paket libreoffice-writer-nogui"; \
	  $$sudo apt-get update -qq && $$sudo env DEBIAN_FRONTEND=noninteractive \
	    apt-get install -y -qq libreoffice-writer-nogui >/dev/null; \
	else echo "Kein LibreOffice (soffice) und kein apt-get als root: die LibreOffice-Tests der" \
	  "Beschlussvorlage werden übersprungen" >&2; \
	fi

test-unit: setup
	$(PY) -m pytest -q tests/unit

test-build: setup libreoffice
	$(PY) -m pytest -q tests/sitebuild

test-pyodide: setup $(PYODIDE_WHEELS)/.fetched
	node tests/pyodide/run-pytest.mjs

test-browser: setup chromium libreoffice
	CHROMIUM=$${CHROMIUM:-/usr/bin/chromium} $(PY) -m pytest -q tests/browser

test-firefox: setup firefox
	$(PY) -m pytest -q tests/firefox

# pytest in two processes on a machine with two or more cores (pytest-xdist; tests sharing an expensive
# fixture stay on one worker, see tests/conftest.py), in one process otherwise; then the Pyodide tests
# under Node. TEST_WORKERS=N sets the number (0: one process). The measurements behind the default:
# README, "Tests und Benchmarks".
TEST_WORKERS ?= $(shell [ "$$(nproc 2>/dev/null || echo 1)" -ge 2 ] && echo 2 || echo 0)

test: lint setup chromium firefox libreoffice $(PYODIDE_WHEELS)/.fetched
	CHROMIUM=$${CHROMIUM:-/usr/bin/chromium} $(PY) -m pytest -q --durations=25 -n $(TEST_WORKERS) --dist loadgroup tests
	node tests/pyodide/run-pytest.mjs

.venv/.mutation: bench/requirements-mutation.txt .venv/.installed
	$(PIP) install --quiet --disable-pip-version-check -r bench/requirements-mutation.txt
	touch $@

bench: setup chromium .venv/.mutation
	CHROMIUM=$${CHROMIUM:-/usr/bin/chromium} $(PY) -m bench

clean:
	rm -rf site .cache
