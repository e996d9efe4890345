# One entry point for everything; `make test` is what CI runs (.ci/run).
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
REDOCLY := npx -y @redocly/cli@2.77.0
GEN_ENV := PATH=$(abspath $(BIN)):$$PATH WSC_CLIENT_SRC=$(abspath client/src)
GEN_ARGS := --path openapi.yaml --config client/config.yaml --custom-template-path client/templates --meta uv

.PHONY: setup generate check-generated lint spec-lint test contract serve mutants bench-server bench-client

# The virtualenv is rebuilt whenever the declared dependencies change.
$(STAMP): pyproject.toml generated/pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev]' -e ./generated
	touch $@

setup: $(STAMP)

generate: $(STAMP)
	rm -rf generated
	$(GEN_ENV) $(BIN)/openapi-python-client generate $(GEN_ARGS) --output-path generated

# Golden record: regenerate into a scratch folder and fail on any difference.
check-generated: $(STAMP)
	@tmp=$$(mktemp -d) && trap 'rm -rf $$tmp' EXIT && \
	$(GEN_ENV) $(BIN)/openapi-python-client generate $(GEN_ARGS) --output-path $$tmp/generated >/dev/null && \
	diff -r -x __pycache__ -x '*.egg-info' generated $$tmp/generated && echo "generated/ is up to date"

spec-lint: $(STAMP)
	$(BIN)/openapi-spec-validator openapi.yaml
	$(REDOCLY) lint --config redocly.yaml openapi.yaml

lint: spec-lint
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy reference_server contract_tests tests client

test: $(STAMP) lint check-generated
	$(BIN)/pytest tests
