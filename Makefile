# Ukrainian public opinion toward NATO: `make help` lists the targets.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export PYTHONHASHSEED := 0
export UV_PYTHON_DOWNLOADS := never

.DEFAULT_GOAL := help
.PHONY: help all env data notebooks site test lint clean

help:  ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(BIN)/ukraine-nato: requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check uv==0.13.9
	$(BIN)/uv pip install --quiet --python $(BIN)/python -r requirements.lock
	$(BIN)/uv pip install --quiet --python $(BIN)/python --no-deps -e .
	@touch $@

env: $(BIN)/ukraine-nato  ## Create .venv with the pinned dependencies (requirements.lock)

all: env  ## Main job: rebuild data/, execute every notebook in place, render site/
	$(BIN)/ukraine-nato all

data: env  ## Rebuild data/ from seeds/ and data/raw/
	$(BIN)/ukraine-nato build-data

notebooks: env  ## Execute the notebooks in place, in order
	$(BIN)/ukraine-nato run-notebooks

site: env  ## Render the notebooks to site/ (HTML, not committed)
	$(BIN)/ukraine-nato render

test: env  ## Run the tests: library, doctests, data checks, and nbval over every notebook
	$(BIN)/python -m pytest

lint: env  ## ruff
	$(BIN)/ruff check src tests notebooks

clean:  ## Remove the environment and generated site
	rm -rf $(VENV) site
