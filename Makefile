# Two commands: `make run` serves the demo, `make test` runs every check.
# Both install into .venv from the locked requirements first; nothing else is needed.

VENV    := .venv
PY      := $(VENV)/bin/python
STAMP   := $(VENV)/.installed-$(shell sha1sum requirements.txt | cut -c1-12)
PYTHON  ?= python3

.PHONY: install run test lint migrate seed lock bench bench-search load messages clean

$(STAMP): requirements.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	@rm -f $(VENV)/.installed-*
	@touch $(STAMP)

install: $(STAMP)

# The demo: SQLite, a Celery worker with beat on the embedded broker, e-mail into var/mail.
# Ctrl-C stops the web server, the worker and beat together.
run: install
	DEBUG=1 $(PY) manage.py migrate --no-input
	DEBUG=1 $(PY) manage.py seed_demo
	DEBUG=1 $(VENV)/bin/honcho start -f Procfile

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy .

# The suite runs on every core (pytest-xdist); JOBS=1 runs it in one process.
JOBS ?= $(shell nproc)
test: lint
	$(PY) manage.py makemigrations --check --dry-run --settings=tests.settings
	$(VENV)/bin/pytest -n $(JOBS)

# Benchmarks (not tests; CI does not run them), e.g.
# `make bench SIZES="1000 10000" SCALE="50 1500 3" RUNS=15`. On PostgreSQL with DATABASE_URL
# set. SIZES are how many people each job writes to (the dispatch targets are checked at
# 1000 and 10000), SCALE the pages' settlements, residents and years (SCALE="5 200 1" to
# try quickly); BENCH=jobs, pages, signups or search runs only that part.
SIZES ?= 1000 10000
SCALE ?= 50 1500 3
RUNS ?= 15
BENCH ?= all
bench: install
	$(PY) -m bench $(SIZES) --scale "$(SCALE)" --runs $(RUNS) --only $(BENCH)

# The resident search alone (also in `make bench`, or BENCH=search): 160 settlements of 1,500
# residents against 160 of 15 (SEARCH_SCALE), with its plans checked on PostgreSQL.
SEARCH_SCALE ?= 160 1500 15
bench-search: install
	$(PY) -m bench --only search --search-scale "$(SEARCH_SCALE)" --runs $(RUNS)

# The load test on the production stack (not a test; CI runs a tiny one in
# tests/integration/test_load.py): gunicorn (LOAD_WORKERS workers, DEBUG off, TLS on
# loopback) on PostgreSQL and Redis, and locust with LOAD_USERS simulated people for
# LOAD_DURATION, each making LOAD_REQUESTS requests at most. Needs DATABASE_URL and
# REDIS_URL; seeds a database <name>_load with LOAD_SCALE (settlements, residents, years).
# Results in bench-results/load-<time>.{csv,json}; exits non-zero on any error.
LOAD_USERS ?= 20
LOAD_DURATION ?= 60s
LOAD_WORKERS ?= 4
LOAD_REQUESTS ?= 300
LOAD_SCALE ?= 5 300 1
load: install
	$(PY) -m loadtest --users $(LOAD_USERS) --duration $(LOAD_DURATION) --workers $(LOAD_WORKERS) --requests $(LOAD_REQUESTS) --scale "$(LOAD_SCALE)"

# Regenerate the locked requirements after changing pyproject.toml.
lock: install
	$(VENV)/bin/pip-compile --quiet --extra dev --strip-extras -o requirements.txt pyproject.toml

# Refresh the translation catalogues from the source (then translate and compile).
messages: install
	DEBUG=1 $(PY) manage.py makemessages -l he -l sl --ignore=.venv --ignore=static --ignore=var --ignore=tests --no-obsolete
	DEBUG=1 $(PY) manage.py compilemessages --ignore=.venv

clean:
	rm -rf $(VENV) var test-artifacts
