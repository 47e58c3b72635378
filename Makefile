# Checkpoint Desk — two commands: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
SRC := src/checkpoint_desk

# Debian packages: what the desk needs at all, and what a real Qt window needs.
DEB_CORE := libzbar0 libpulse0 fonts-noto-cjk fonts-wqy-zenhei poppler-utils
DEB_GUI := libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 \
	libxcb-xinerama0 libxcb-xkb1 libxkbcommon-x11-0 libxcb-cursor0 libxcb-shape0 \
	libxcb-randr0 libegl1 libgl1 libfontconfig1 libdbus-1-3
# The hub's tests start a throwaway PostgreSQL server with these binaries;
# tests/realwindow runs the desk under its own Xvfb and types with xdotool.
DEB_TEST := postgresql-15 xvfb xdotool
# A desk with its clock set back (tests/services/test_clock_behind.py).
DEB_TEST += faketime
# The office's web pages in a real browser (tests/browser, Selenium).
DEB_TEST += chromium chromium-driver

# What `make package` needs besides: PyInstaller's objdump, the CJK font it bundles.
DEB_PACKAGE := binutils fonts-wqy-zenhei

.PHONY: run test lint typecheck pytest system-deps system-deps-gui venv clean screenshots package voice

run: system-deps system-deps-gui $(STAMP)
	@$(PY) -m checkpoint_desk.cli.run_desk

test: system-deps system-deps-test $(STAMP) lint typecheck pytest pytest-realwindow pytest-browser

lint: $(STAMP)
	$(VENV)/bin/ruff check src tests bench
	$(VENV)/bin/ruff format --check src tests bench
	$(VENV)/bin/lint-imports

typecheck: $(STAMP)
	$(VENV)/bin/mypy

# One pytest-xdist worker per core, a test file on one worker (a module's shared hub
# process is started once): docs/architecture.md "Tests in parallel". PYTEST_WORKERS=0:
# one process.
PYTEST_WORKERS ?= logical
# The suite starts hundreds of interpreters (workers, command-line runs, hubs): they
# share compiled bytecode (and pytest's rewritten tests) even where the environment
# says not to write it (PYTHONDONTWRITEBYTECODE=1 here: 3 m 43 s → 3 m 30 s, side by
# side, docs/benchmarks.md). __pycache__ is ignored by git.
TEST_ENV := PYTHONDONTWRITEBYTECODE=
pytest: $(STAMP)
	$(TEST_ENV) QT_QPA_PLATFORM=offscreen $(VENV)/bin/pytest -q -n $(PYTEST_WORKERS) --dist loadfile

# The office's pages (/office/ on the hub) in a real headless Chromium: its own run
# (the offscreen run skips tests/browser).
.PHONY: pytest-browser
pytest-browser: system-deps-test $(STAMP)
	$(TEST_ENV) CHECKPOINT_BROWSER=chromium $(VENV)/bin/pytest -q tests/browser

# The real window (xcb) under a private Xvfb, driven by xdotool: its own run, since
# the Qt platform is fixed when the QApplication starts (the offscreen run skips it).
.PHONY: pytest-realwindow
pytest-realwindow: system-deps-gui $(STAMP)
	$(TEST_ENV) QT_QPA_PLATFORM=xcb $(VENV)/bin/pytest -q tests/realwindow

venv: $(STAMP)

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test]'
	@touch $(STAMP)

system-deps:
	@bash packaging/system-deps.sh $(DEB_CORE)

system-deps-gui:
	@bash packaging/system-deps.sh $(DEB_GUI)

.PHONY: system-deps-test
system-deps-test:
	@bash packaging/system-deps.sh $(DEB_TEST)

# Render the desk's main states to PNGs (offscreen; no display needed).
screenshots: system-deps $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m checkpoint_desk.ui.screenshots --out docs/screenshots

# The spoken verdicts in resources/sounds/voice/ (committed; only to change a phrase).
DEB_VOICE := espeak-ng
voice:
	@bash packaging/system-deps.sh $(DEB_VOICE)
	bash packaging/make-voice.sh

# Not part of `make test` (several minutes): the Linux app folder and archive, then
# the unpacked archive's own --self-test in a clean environment (README: "Packaging").
package: system-deps $(STAMP)
	@bash packaging/system-deps.sh $(DEB_PACKAGE)
	$(PY) -m pip install -q -e '.[test,package]'
	@bash packaging/build-linux.sh

clean:
	rm -rf $(VENV) build dist .mypy_cache .ruff_cache .pytest_cache
