# Two commands do all set-up on a fresh machine: `make serve` and `make test` (see README).
SHELL := /bin/bash
PY := .venv/bin/python
PIP := .venv/bin/pip
PYODIDE_WHEELS := .cache/pyodide-wheels
CHROMIUM ?= $(shell command -v chromium 2>/dev/null || ls /usr/bin/chromium 2>/dev/null)
export CHROMIUM

.PHONY: setup build serve test test-unit test-build test-pyodide test-browser lint bench check-content clean

setup: .venv/.installed node_modules/.installed

.venv/.installed: requirements.lock pyproject.toml
	python3 -m venv .venv
	$(PIP) install --quiet --disable-pip-version-check -r requirements.lock
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
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

chromium:
	@if [ -z "$$CHROMIUM" ] || [ ! -x "$$CHROMIUM" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Chromium fehlt: installiere Debians Paket chromium"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "Kein Chromium gefunden: CHROMIUM=/pfad/zu/chromium setzen" >&2; exit 1; fi; \
	fi

test-unit: setup
	$(PY) -m pytest -q tests/unit

test-build: setup
	$(PY) -m pytest -q tests/sitebuild

test-pyodide: setup $(PYODIDE_WHEELS)/.fetched
	node tests/pyodide/run-pytest.mjs

test-browser: setup chromium
	CHROMIUM=$${CHROMIUM:-/usr/bin/chromium} $(PY) -m pytest -q tests/browser

test: setup chromium $(PYODIDE_WHEELS)/.fetched
	.venv/bin/ruff check calc guide hooks tests bench localsite.py
	.venv/bin/ruff format --check calc guide hooks tests bench localsite.py
	CHROMIUM=$${CHROMIUM:-/usr/bin/chromium} $(PY) -m pytest -q tests
	node tests/pyodide/run-pytest.mjs

bench: setup chromium
	CHROMIUM=$${CHROMIUM:-/usr/bin/chromium} $(PY) -m bench

clean:
	rm -rf site .cache
