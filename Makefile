# Ukrainian public opinion toward NATO: `make help` lists the targets.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 2>/dev/null || echo python3)  # the project pins Python 3.11
VENV := .venv
BIN := $(VENV)/bin
export PYTHONHASHSEED := 0
export UV_PYTHON_DOWNLOADS := never
# Python caches the bytecode of the package and the tests (in gitignored __pycache__ folders), so the test workers,
# notebook kernels and subprocesses of a run compile each module once, not once each. Some shells set
# PYTHONDONTWRITEBYTECODE, which made every process compile every module of the package from source (and pytest
# rewrite every test file again). NOCACHE=1 keeps the caller's setting (the benchmark's "nothing cached" runs).
ifndef NOCACHE
unexport PYTHONDONTWRITEBYTECODE
endif
# FORCE=1 redoes every step of `make all` (otherwise a step runs only when what it reads changed)
ALL_FLAGS := $(if $(FORCE),--force,)

.DEFAULT_GOAL := help
.PHONY: help all env data notebooks site lab test lint clean

help:  ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(BIN)/ukraine-nato: requirements.lock pyproject.toml
	@echo "[env 1/4] creating $(VENV) with $(PYTHON)"
	$(PYTHON) -m venv $(VENV)
	@echo "[env 2/4] installing uv"
	$(BIN)/python -m pip install --progress-bar on --disable-pip-version-check uv==0.13.9
	@echo "[env 3/4] installing the pinned dependencies (requirements.lock), compiled to bytecode"
	$(BIN)/uv pip install --python $(BIN)/python --compile-bytecode -r requirements.lock
	@echo "[env 4/4] installing the package (editable)"
	$(BIN)/uv pip install --python $(BIN)/python --no-deps -e .
	@touch $@
	@echo "[env] ready: $(VENV)"

env: $(BIN)/ukraine-nato  ## Create .venv with the pinned dependencies (requirements.lock), showing progress

all: env  ## Main job: rebuild data/, execute notebooks, render site/ -- only what changed (FORCE=1: everything)
	$(BIN)/ukraine-nato all $(ALL_FLAGS)

data: env  ## Rebuild data/ from seeds/ and data/raw/
	$(BIN)/ukraine-nato build-data $(ALL_FLAGS)

notebooks: env  ## Execute the notebooks in place (those whose notebook, data or library changed)
	$(BIN)/ukraine-nato run-notebooks $(ALL_FLAGS)

site: env  ## Render the notebooks to site/ (HTML, not committed)
	$(BIN)/ukraine-nato render $(ALL_FLAGS)

lab: env  ## Open the notebooks in JupyterLab with the project's kernel and data (offline; Ctrl-C stops it)
	JUPYTER_PREFER_ENV_PATH=1 $(BIN)/jupyter lab --notebook-dir=notebooks --ServerApp.ip=127.0.0.1 \
	  --LabApp.extension_manager=readonly --LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate

test: lint  ## Lint, then the tests: library, doctests, data checks, and nbval over every notebook
	$(BIN)/python -m pytest -n auto --dist loadfile  # every core; one file (notebook) per worker at a time

lint: env  ## ruff check and ruff format --check over src, tests and notebooks
	$(BIN)/ruff check src tests notebooks
	$(BIN)/ruff format --check src tests notebooks

clean:  ## Remove the environment, the generated site and the stamps
	rm -rf $(VENV) site .stamps
