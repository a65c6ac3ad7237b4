# The two commands a newcomer needs: `make run` and `make test` (see README.md).
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/casework
TEST_REDIS_URL ?= redis://127.0.0.1:6379/15

.PHONY: run test test-services lint install bench loadtest clean

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

## Start web (http://127.0.0.1:8000), Celery worker and beat on SQLite and a file broker.
run: $(STAMP)
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo
	$(VENV)/bin/honcho --procfile Procfile.dev --app-root . start

## Lint, then the whole suite on the embedded default (SQLite, no servers).
test: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/pytest

## The suite again on PostgreSQL and Redis; tests that need them must run here.
test-services: $(STAMP)
	DATABASE_URL=$(TEST_DATABASE_URL) REDIS_URL=$(TEST_REDIS_URL) CASEWORK_SERVICES=1 \
		$(VENV)/bin/pytest

## Time the pages and the reminder sweep at a million enquiries and 100,000 complaints on
## PostgreSQL (loads them the first time; BENCH_ARGS="--help" lists the options).
bench: export DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/casework_bench
bench: $(STAMP)
	$(PY) -m bench.run $(BENCH_ARGS)

## 50 simulated councillors and officers for 2 minutes against gunicorn, PostgreSQL, Redis
## and a Celery worker, then every write they were told of is checked (LOAD_USERS,
## LOAD_SECONDS; LOAD_DATABASE_URL defaults to .../casework_load, LOAD_REDIS_URL to db 6).
loadtest: $(STAMP)
	$(PY) -m bench.loadtest $(LOAD_ARGS)

lint: $(STAMP)
	$(VENV)/bin/ruff check .

clean:
	rm -rf var artifacts .pytest_cache .ruff_cache
