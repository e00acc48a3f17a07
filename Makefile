# Two commands for a new user:
#   make build   create .venv, install coursesmith, build the sample course into output/
#   make test    the same set-up, then the whole test suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# axe-core and the Nu HTML Checker for the site tests (skipped if npm is missing;
# the tests then say what to install, and fail under CI).
NODE_TOOLS := tests/node/node_modules/.package-lock.json

.PHONY: build test check schema clean

build: $(STAMP)
	$(BIN)/python build.py

test: $(STAMP) $(NODE_TOOLS)
	$(BIN)/python -m pytest

check: $(STAMP)
	$(BIN)/coursesmith check

schema: $(STAMP)
	$(BIN)/coursesmith schema --output schema

$(NODE_TOOLS): tests/node/package.json tests/node/package-lock.json
	@if command -v npm >/dev/null; then npm ci --prefix tests/node --ignore-scripts --no-audit --no-fund --loglevel=error; \
	else echo "npm not found: the site checks with axe-core and vnu will be skipped"; fi

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

clean:
	rm -rf output $(VENV) .pytest_cache
