# The two commands a newcomer needs: `make run` and `make test` (see README.md).
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
# `make test-services`: the services a developer runs (Redis: db N for pytest-xdist's first
# worker, N+1 for the second, and so on: with 16 databases, room for six workers).
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/casework
TEST_REDIS_URL ?= redis://127.0.0.1:6379/10
PYTEST := $(VENV)/bin/pytest
# Two workers; the browser tests and the tests that start processes each keep to one worker
# (their xdist groups are set in tests/conftest.py). PYTEST_ARGS adds options to each pass.
PARALLEL ?= -n 2 --dist loadgroup
SERVICES := $(strip $(DATABASE_URL)$(REDIS_URL))
# The embedded pass sees none of the services.
EMBEDDED := env -u DATABASE_URL -u REDIS_URL -u CASEWORK_SERVICES

.PHONY: run test test-services test-deep lint install bench loadtest clean

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

## Lint, then the whole suite, in two workers: on the embedded default (SQLite, no servers);
## or, when DATABASE_URL and REDIS_URL name PostgreSQL and Redis, on them, and then the tests
## marked `embedded` again on the embedded default (what only SQLite and the file broker show).
test: lint
	$(PYTEST) $(PARALLEL) $(PYTEST_ARGS)
ifneq ($(SERVICES),)
	$(EMBEDDED) $(PYTEST) -m embedded $(PYTEST_ARGS)
endif

## `make test` on the services a developer runs (TEST_DATABASE_URL, TEST_REDIS_URL); a
## missing one fails its tests.
test-services:
	DATABASE_URL=$(TEST_DATABASE_URL) REDIS_URL=$(TEST_REDIS_URL) CASEWORK_SERVICES=1 \
		$(MAKE) test

## The Hypothesis tests with three times the examples (profile `deep`, tests/conftest.py).
test-deep: $(STAMP)
	$(PYTEST) $(PARALLEL) -m hypothesis --hypothesis-profile=deep $(PYTEST_ARGS)

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

## What `make test` checks first.
## The checked contracts: style (ruff), types (mypy with django-stubs, pyproject.toml) and the
## layering (import-linter's contracts in pyproject.toml).
lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports

clean:
	rm -rf var artifacts .pytest_cache .ruff_cache
