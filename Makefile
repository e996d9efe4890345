# One entry point for everything; `make test` is what CI runs (.ci/run).
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
REDOCLY := npx -y @redocly/cli@2.77.0
GEN_ENV := PATH=$(abspath $(BIN)):$$PATH WSC_CLIENT_SRC=$(abspath client/src) WSC_SPEC=$(abspath openapi.yaml)
# The generator reads a copy of the contract whose descriptions are unfolded (client/codegen/fold_descriptions.py).
GEN_ARGS = --path $$tmp/openapi.yaml --config client/config.yaml --custom-template-path client/templates --meta uv
FOLD_SPEC := $(PY) client/codegen/fold_descriptions.py openapi.yaml $$tmp/openapi.yaml

.PHONY: setup generate check-generated lint spec-lint docs-check docs docs-serve test contract serve mutants \
	bench-server bench-client bench-fixture bench-cli

# setuptools ends every editable install with an "Editable installation." notice (mind folders named like
# the package), which pip passes on as a BuildBackendWarning. Only that notice is ignored: its text must
# start the warning, and build errors are not warnings.
QUIET_EDITABLE := -W 'ignore:Editable installation.:UserWarning'

# The virtualenv is rebuilt whenever the declared dependencies change.
# Exact versions come from constraints.txt; pyproject.toml only states compatible ranges.
$(STAMP): pyproject.toml generated/pyproject.toml cli/pyproject.toml constraints.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) $(QUIET_EDITABLE) -m pip install -q -c constraints.txt -e '.[dev]' -e ./generated -e ./cli
	touch $@

setup: $(STAMP)

generate: $(STAMP)
	rm -rf generated
	@tmp=$$(mktemp -d) && trap 'rm -rf $$tmp' EXIT && $(FOLD_SPEC) && \
	$(GEN_ENV) $(BIN)/openapi-python-client generate $(GEN_ARGS) --output-path generated

# Golden record: regenerate into a scratch folder and fail on any difference.
check-generated: $(STAMP)
	@tmp=$$(mktemp -d) && trap 'rm -rf $$tmp' EXIT && $(FOLD_SPEC) && \
	$(GEN_ENV) $(BIN)/openapi-python-client generate $(GEN_ARGS) --output-path $$tmp/generated >/dev/null && \
	diff -r -x __pycache__ -x '*.egg-info' -x .mypy_cache -x .pytest_cache generated $$tmp/generated && echo "generated/ is up to date"

spec-lint: $(STAMP)
	$(BIN)/openapi-spec-validator openapi.yaml
	$(REDOCLY) lint --config redocly.yaml openapi.yaml

# The documentation site (mkdocs.yml, docs/): a strict build fails on a broken link or anchor, or a page
# missing from nav. docs-check builds into a scratch folder; docs builds into site/ (gitignored).
docs-check: $(STAMP)
	@tmp=$$(mktemp -d) && trap 'rm -rf $$tmp' EXIT && \
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict --quiet --site-dir $$tmp/site && echo "docs build cleanly"

docs: $(STAMP)
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict --site-dir site

docs-serve: $(STAMP)
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs serve --strict --dev-addr 127.0.0.1:8001

lint: spec-lint docs-check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy reference_server contract_tests tests client
	cd cli && ../$(BIN)/mypy --strict --cache-dir ../.mypy_cache/cli workspace_scripts_cli
	cd generated && ../$(BIN)/mypy --strict --cache-dir ../.mypy_cache/generated workspace_scripts_client

# Four pytest-xdist workers on CI's two cores: much of the run waits (subprocesses starting, pip, live mode's
# pace, servers settling), and the extra workers fill those waits; worksteal evens out the slow tail.
# Bytecode is written even under PYTHONDONTWRITEBYTECODE: else every pytest process (each worker, each suite
# run a test starts) compiles and assertion-rewrites some 500 modules again, seconds of CPU each.
# Why four, and what each slow test costs: docs/benchmarks.md, "Run times"; every run lists its 20 slowest.
TEST_WORKERS ?= 4
test: $(STAMP) lint check-generated
	PYTHONDONTWRITEBYTECODE= $(BIN)/pytest tests -n $(TEST_WORKERS) --dist worksteal --durations=20

# Client per-call cost (raw httpx, ours with token and AK/SK, the official SDK) and import time, one run.
bench-client: $(STAMP)
	$(PY) bench/client/bench_client.py

# The command line's start-up (`workspace-scripts --help`) next to importing the official SDK.
bench-cli: $(STAMP)
	$(PY) bench/cli/bench_cli.py

# The pytest plugin: session start-up and per-test fixture overhead, next to Prism's start-up (~1 minute).
bench-fixture: $(STAMP)
	$(PY) bench/fixture/run.py

# Contract suite. Default: fuzz the bundled reference server. Another server:
#   make contract BASE_URL=https://… PROJECT_ID=… TOKEN=…   (or AK=… SK=… [SECURITY_TOKEN=…] instead of TOKEN)
# Credentials reach pytest through its environment, never its command line, so make's echo shows none.
CONTRACT_TARGET = $(if $(BASE_URL),--base-url='$(BASE_URL)') $(if $(PROJECT_ID),--project-id='$(PROJECT_ID)')
contract: export WORKSPACE_TOKEN := $(or $(TOKEN),$(WORKSPACE_TOKEN))
contract: export HUAWEICLOUD_SDK_AK := $(or $(AK),$(HUAWEICLOUD_SDK_AK))
contract: export HUAWEICLOUD_SDK_SK := $(or $(SK),$(HUAWEICLOUD_SDK_SK))
contract: export HUAWEICLOUD_SDK_SECURITY_TOKEN := $(or $(SECURITY_TOKEN),$(HUAWEICLOUD_SDK_SECURITY_TOKEN))
# The target is checked here, so that a mistake is named by the variables typed on make's command line
# (the suite's own messages name its pytest options). The environment's variables count as the suite's do.
contract: CONTRACT_URL = $(or $(BASE_URL),$(WORKSPACE_BASE_URL))
contract: TARGET_VARS = $(strip $(foreach var,PROJECT_ID TOKEN AK SK SECURITY_TOKEN,$(if $($(var)),$(var)=)))
contract: $(STAMP)
	$(if $(CONTRACT_URL),,$(if $(TARGET_VARS),$(error $(TARGET_VARS) given without BASE_URL=)))
	$(if $(CONTRACT_URL),$(if $(or $(PROJECT_ID),$(HUAWEICLOUD_SDK_PROJECT_ID)),,\
		$(error BASE_URL= needs PROJECT_ID= (or HUAWEICLOUD_SDK_PROJECT_ID in the environment))))
	$(if $(AK),$(if $(SK),,$(error AK= needs SK=)),$(if $(SK),$(error SK= needs AK=)))
	$(if $(CONTRACT_URL),$(if $(or $(WORKSPACE_TOKEN),$(and $(HUAWEICLOUD_SDK_AK),$(HUAWEICLOUD_SDK_SK))),,\
		$(error BASE_URL= needs TOKEN= or AK= and SK= (or WORKSPACE_TOKEN, or HUAWEICLOUD_SDK_AK and\
		HUAWEICLOUD_SDK_SK, in the environment))))
	$(BIN)/pytest contract_tests $(CONTRACT_TARGET) $(CONTRACT_ARGS)

# Kill table: our suite (full and live mode) vs plain `st run --checks all` on every broken variant of the
# reference server; rewrites docs/kill-table.md. `make mutants MUTANTS="a b"` judges only those (page untouched).
mutants: $(STAMP)
	$(PY) -m tests.contract.mutation_table $(MUTANTS)

# Reference server on 127.0.0.1:8000 (dev credentials printed when none are given), e.g.
#   make serve SERVE_ARGS='--project-id P --token T --db tasks.sqlite3'
serve: $(STAMP)
	$(PY) -m reference_server $(SERVE_ARGS)

# Reference server vs a bare ASGI app vs Prism, under the same wrk load, in one run (~1 minute).
bench-server: $(STAMP)
	command -v wrk >/dev/null || (apt-get update && apt-get install -y wrk)
	$(PY) bench/server/run.py
