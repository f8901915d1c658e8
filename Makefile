# Selvbooking: the two commands a newcomer needs are `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 5000
PYTEST_WORKERS ?= auto

.PHONY: run test lint assets translations chromium clean bench

## make run: create the environment, build assets and catalogues, serve the demo portal on http://127.0.0.1:5000
run: $(VENV)/.runtime assets translations
	SELVBOOKING_CONFIG=development $(BIN)/flask --app portal run --host $(HOST) --port $(PORT)

## make test: the same set-up plus what the tests need (test packages, Chromium), then the whole suite, in
## parallel (pytest-xdist, --dist loadgroup: tests marked xdist_group share a worker and what it built once):
## PYTEST_WORKERS processes, one per core by default; PYTEST_WORKERS=0 runs it in one
## process (for --pdb). PYTEST_ARGS picks tests and options: make test PYTEST_ARGS="tests/unit -q"
test: $(VENV)/.test assets translations chromium
	$(BIN)/pytest -n $(PYTEST_WORKERS) --dist loadgroup $(PYTEST_ARGS)

## make lint: ruff, the import contracts, mypy, no function in portal/ worse than radon's grade C, bandit, pip-audit
lint: $(VENV)/.test
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	$(BIN)/mypy
	$(BIN)/python scripts/check_complexity.py portal
	$(BIN)/bandit -q -c pyproject.toml -r portal scheduling scripts gunicorn.conf.py
	$(BIN)/python scripts/audit_dependencies.py

## make bench: the benchmark (issue 11) on the demo world: gunicorn + PostgreSQL + wrk, a table and a plot in
## benchmarks/results/. BENCH_ARGS="--world national --scale 0.2 --repeat 3" for a generated world (README "Ydelse").
BENCH_ARGS ?= --world demo --repeat 3
bench: $(VENV)/.bench assets translations
	@scripts/ensure-wrk
	$(BIN)/python benchmarks/run.py $(BENCH_ARGS)

$(VENV)/.bench: pyproject.toml | $(VENV)/bin/python
	$(BIN)/pip install --quiet -e '.[bench]'
	touch $@ $(VENV)/.runtime

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.runtime: pyproject.toml | $(VENV)/bin/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.test: pyproject.toml | $(VENV)/bin/python
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@ $(VENV)/.runtime

# Front-end assets: Det Fælles Designsystem from npm, copied next to the app; never committed.
assets: node_modules/.package-lock.json
	$(BIN)/python scripts/copy_assets.py

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

translations: | $(VENV)/bin/python
	$(BIN)/pybabel compile --use-fuzzy -d translations -D messages >/dev/null 2>&1 || $(BIN)/pybabel compile -d translations -D messages

chromium:
	@scripts/ensure-chromium

clean:
	rm -rf $(VENV) node_modules portal/static/dkfds instance
