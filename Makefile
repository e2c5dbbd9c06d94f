# The two commands a newcomer needs: `make run` and `make test`. Everything else is their plumbing.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
PY := $(VENV)/bin/python
# Reinstall when the dependency list changes.
STAMP := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)
PO_FILES := $(wildcard locale/*/LC_MESSAGES/*.po)
MO_FILES := $(PO_FILES:.po=.mo)

# First Python >= 3.12 found: python3.13, python3.12, then python3 (pyenv's .python-version selects 3.12).
FIND_PYTHON := for p in python3.13 python3.12 python3; do \
	  if command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; then \
	    echo $$p; break; fi; done

.PHONY: help run test install messages stop-servers clean-data production-local bench

help:
	@echo "make run    start the app with the demo market on http://127.0.0.1:8000"
	@echo "make test   run the whole test suite and the linter"

$(PY):
	@python=$$($(FIND_PYTHON)); \
	if [ -z "$$python" ]; then \
	  echo "filmart needs Python 3.12 or newer (python3.13, python3.12 or python3 on PATH); none was found." >&2; \
	  echo "Install one (e.g. 'pyenv install 3.12' or your system's python3.12 package) and run make again." >&2; \
	  exit 1; fi; \
	echo "Creating $(VENV) with $$python ($$($$python --version))"; \
	$$python -m venv $(VENV)

$(STAMP): pyproject.toml | $(PY)
	@echo "Installing dependencies into $(VENV) (first time: about a minute)..."
	$(PY) -m pip install -qq --upgrade pip
	$(PY) -m pip install -qq -e '.[dev]'
	rm -f $(VENV)/.installed-*
	touch $@

%.mo: %.po $(STAMP)
	$(PY) manage.py compile_translations

install: $(STAMP) $(MO_FILES)

run: install
	$(PY) manage.py run_market

test: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports
	$(PY) -m pytest

# Production settings under the Procfile on this machine (2 web processes, 2 workers, 1 beat): bin/production-local.
production-local: install
	bin/production-local

# Every benchmark on the full-size market under the production stack, as one table of figures, targets and
# PASS/FAIL, the minute the booking window opens among them (about ten minutes). See docs/performance.md.
bench: install
	$(PY) -m pip install -qq -e '.[dev,bench]'
	$(PY) benchmarks/all.py

messages: install
	$(PY) manage.py makemessages --all --ignore='.venv/*' --ignore='.data/*' --no-obsolete
	$(PY) manage.py compile_translations

stop-servers:
	@[ ! -x $(PY) ] || $(PY) -c "from filmart import embedded; embedded.postgres_stop(); embedded.redis_stop()"

clean-data: stop-servers
	rm -rf .data
