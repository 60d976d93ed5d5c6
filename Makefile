# zoom-clips: `make help` lists the targets.
.DEFAULT_GOAL := help
SHELL := /bin/bash

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# One stamp per set of extras, each remade when pyproject.toml changes. `make demo` installs only
# what the demo runs; `make test` (and every tool target) the development tools as well.
STAMP := $(VENV)/.installed-stamp
EXTRAS := dev,mock,cli,sync
DEMO_STAMP := $(VENV)/.installed-demo-stamp
DEMO_EXTRAS := cli,mock
DIST_STAMP := $(VENV)/.installed-dist-stamp
DIST_EXTRAS := dist
DOCS_STAMP := $(VENV)/.installed-docs-stamp
DOCS_EXTRAS := docs

.PHONY: help demo install generate regen-check update-spec lint format typecheck pytest test contract contract-live mutation bench fuzz-nightly docs clean

# Colour only on a terminal (and never with NO_COLOR set); names get a column as wide as the longest.
help: ## List the targets with what they do
	@if [ -t 1 ] && [ -z "$${NO_COLOR:-}" ]; then on=$$'\033[36m' off=$$'\033[0m'; else on= off=; fi; \
	grep -hE '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | \
		awk -v on="$$on" -v off="$$off" 'BEGIN {FS = ":.*?## "} \
			{ name[NR] = $$1; text[NR] = $$2; if (length($$1) > width) width = length($$1) } \
			END { fmt = "  %s%-" width "s%s  %s\n"; \
				for (i = 1; i <= NR; i++) printf fmt, on, name[i], off, text[i] }'

demo: $(DEMO_STAMP) ## The SDK end to end on an embedded mock Zoom (no account needed): summary, audit, clips.csv
	$(BIN)/zoom-clips demo --output clips.csv

# $(call install-extras,EXTRAS,STAMP...): make .venv if needed, install the package with EXTRAS.
define install-extras
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[$(1)]'
	@touch $(2)
endef

$(STAMP): pyproject.toml
	$(call install-extras,$(EXTRAS),$(STAMP) $(DEMO_STAMP))

$(DEMO_STAMP): pyproject.toml
	$(call install-extras,$(DEMO_EXTRAS),$(DEMO_STAMP))

$(DIST_STAMP): pyproject.toml
	$(call install-extras,$(DIST_EXTRAS),$(DIST_STAMP))

$(DOCS_STAMP): pyproject.toml
	$(call install-extras,$(DOCS_EXTRAS),$(DOCS_STAMP))

install: $(STAMP) ## Create .venv with the package, its extras and the dev tools (until pyproject.toml changes)

generate: $(STAMP) ## Regenerate generated/ from spec/master.json and spec/endpoints.json (a package each)
	$(BIN)/python scripts/generate.py

regen-check: $(STAMP) ## Fail with a diff if generated/ differs from what `make generate` writes
	$(BIN)/python scripts/generate.py --check

update-spec: $(STAMP) ## Vendor a new Zoom spec: SPEC=<path or URL> [NAME=master|endpoints] [ARGS=--check|--accept-breaking]
	@test -n "$(SPEC)" || { echo "usage: make update-spec SPEC=<path or URL> [NAME=master|endpoints] [ARGS=--check]" >&2; exit 2; }
	$(BIN)/python -m scripts.update_spec $(if $(NAME),--name "$(NAME)") $(ARGS) "$(SPEC)"

lint: $(STAMP) ## ruff check and ruff format --check on the hand-written code
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP) ## Apply ruff's fixes and formatting to the hand-written code
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

typecheck: $(STAMP) ## mypy --strict on wrapper/ and scripts/
	$(BIN)/mypy

pytest: $(STAMP) ## Run the test suite only
	$(BIN)/python -m pytest

test: lint typecheck regen-check pytest ## Everything CI runs: lint, typecheck, regen-check, pytest

CONTRACT_PORT ?= 8765
CONTRACT_NOW := 2025-06-15T12:00:00Z
# `make contract BASE_URL=http://host:port/v2 TOKEN_URL=http://host:port/oauth/token` tests that
# server instead (ZOOM_ACCOUNT_ID/ZOOM_CLIENT_ID/ZOOM_CLIENT_SECRET for its token, default the
# mock's demo credentials; ACCOUNT_ID to list, default the mock's master account; NOW, the
# instant its data lies before, default the wall clock; FILE_BASE_URL, the uploads' root, default
# fileapi.zoom.us beside Zoom's API, else {origin}/file/v2 as a mock serves it). Against a
# BASE_URL, endpoints.json's DELETE and POST operations (soft delete, transfers, removals,
# uploads) run only with DESTRUCTIVE=1.
BASE_URL ?=
FILE_BASE_URL ?=
TOKEN_URL ?=
ACCOUNT_ID ?=
NOW ?=
DESTRUCTIVE ?=

contract: $(STAMP) ## Schemathesis CLI, all checks + tests/contract's, over master.json (accountId pinned, free) and endpoints.json (uploads vs FILE_BASE_URL), vs a mock it starts or BASE_URL
	@set -euo pipefail; \
	base_url='$(BASE_URL)'; token_url='$(TOKEN_URL)'; now='$(NOW)'; \
	if [ -z "$$base_url" ]; then \
		$(BIN)/python -m zoom_clips.mock --port $(CONTRACT_PORT) --seed 7 --clips 20000 \
			--now $(CONTRACT_NOW) >/dev/null & \
		pid=$$!; trap 'kill $$pid 2>/dev/null; wait $$pid 2>/dev/null || true' EXIT; \
		base_url=http://127.0.0.1:$(CONTRACT_PORT)/v2; now=$${now:-$(CONTRACT_NOW)}; \
		token_url=http://127.0.0.1:$(CONTRACT_PORT)/oauth/token; \
		for _ in $$(seq 100); do curl -s -o /dev/null $$token_url -X POST && break; sleep 0.1; done; \
	fi; \
	test -n "$$token_url" || { echo "error: BASE_URL needs TOKEN_URL, its OAuth token endpoint" >&2; exit 2; }; \
	token=$$(TOKEN_URL=$$token_url $(BIN)/python -m tests.contract.zoom_target token); \
	file_base_url='$(FILE_BASE_URL)'; \
	file_base_url=$${file_base_url:-$$($(BIN)/python -m tests.contract.zoom_target file-root $$base_url)}; \
	export SCHEMATHESIS_HOOKS=tests.contract.zoom_checks CONTRACT_BASE_URL=$$base_url \
		CONTRACT_FILE_BASE_URL=$$file_base_url \
		CONTRACT_TOKEN=$$token CONTRACT_ACCOUNT_ID='$(ACCOUNT_ID)' CONTRACT_NOW=$$now; \
	for pin in 1 0; do \
		echo "== accountId $$([ $$pin = 1 ] && echo pinned || echo generated freely) against $$base_url"; \
		CONTRACT_PIN_ACCOUNT=$$pin $(BIN)/schemathesis --config-file schemathesis.toml \
			run spec/master.json --url $$base_url --checks all -H "Authorization: Bearer $$token"; \
	done; \
	keep=; if [ -n '$(BASE_URL)' ] && [ '$(DESTRUCTIVE)' != 1 ]; then \
		keep="--exclude-method DELETE --exclude-method POST"; \
		echo "== endpoints.json: read-only operations (DESTRUCTIVE=1 also deletes and transfers)"; \
	fi; \
	echo "== endpoints.json (clips, collaborators, comments, transfers, download, any operation vendored since; stateful links) against $$base_url"; \
	$(BIN)/python -m tests.contract.endpoints_schema > $(VENV)/contract-endpoints.json; \
	uploads=$$($(BIN)/python -m tests.contract.endpoints_schema --upload-path-regex); \
	$(BIN)/schemathesis --config-file schemathesis.toml run $(VENV)/contract-endpoints.json \
		--url $$base_url --checks all --exclude-checks use_after_free \
		--exclude-path-regex "$$uploads" -H "Authorization: Bearer $$token" $$keep; \
	if [ -z "$$keep" ]; then \
		echo "== endpoints.json's uploads (single, multipart Create -> part -> Complete) against $$CONTRACT_FILE_BASE_URL"; \
		$(BIN)/schemathesis --config-file schemathesis.toml run $(VENV)/contract-endpoints.json \
			--url $$CONTRACT_FILE_BASE_URL --checks all --exclude-checks use_after_free \
			--include-path-regex "$$uploads" -H "Authorization: Bearer $$token"; \
	fi

contract-live: $(STAMP) ## Opt-in: the spec and the wrapper against real Zoom (ZOOM_* credentials; skipped without)
	$(BIN)/python -m pytest tests/live -rs

mutation: $(STAMP) ## Mutation test (minutes; ARGS=--only TARGET): mutants of mock and wrapper, planted bugs
	$(BIN)/python -m scripts.mutation $(ARGS)

.PHONY: dist
dist: $(DIST_STAMP) ## Build sdist and wheel, check them, smoke-test the wheel, run the sdist's `make test`
	$(BIN)/python scripts/check_dist.py

docs: $(DOCS_STAMP) ## Build the documentation site (docs/, mkdocs.yml) into site/ with mkdocs build --strict
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict --site-dir site

bench: $(STAMP) ## Run the benchmarks (not part of `make test`) and print a table of ratios
	$(BIN)/python -m scripts.bench $(BENCH)

fuzz-nightly: $(STAMP) ## The fuzz suite with thousands of random examples per property (minutes)
	HYPOTHESIS_PROFILE=nightly $(BIN)/python -m pytest tests/fuzz

clean: ## Remove the virtualenv, caches and build output
	rm -rf $(VENV) build dist site .pytest_cache .mypy_cache .ruff_cache .hypothesis
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
