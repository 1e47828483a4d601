# Two commands: `make run` serves the demo, `make test` runs every check.
# Both install into .venv from the locked requirements first; nothing else is needed.

VENV    := .venv
PY      := $(VENV)/bin/python
STAMP   := $(VENV)/.installed-$(shell sha1sum requirements.txt | cut -c1-12)
PYTHON  ?= python3

.PHONY: install run test lint migrate seed lock bench messages clean

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
# `make bench SIZES="2000 10000" SCALE="50 1500 3" RUNS=15`. On PostgreSQL with DATABASE_URL
# set. SIZES are the jobs' residents, SCALE the pages' settlements, residents and years
# (SCALE="5 200 1" to try quickly); BENCH=pages or BENCH=jobs runs only those.
SIZES ?= 2000 10000
SCALE ?= 50 1500 3
RUNS ?= 15
BENCH ?= all
bench: install
	$(PY) -m bench $(SIZES) --scale "$(SCALE)" --runs $(RUNS) --only $(BENCH)

# Regenerate the locked requirements after changing pyproject.toml.
lock: install
	$(VENV)/bin/pip-compile --quiet --extra dev --strip-extras -o requirements.txt pyproject.toml

# Refresh the translation catalogues from the source (then translate and compile).
messages: install
	DEBUG=1 $(PY) manage.py makemessages -l he -l sl --ignore=.venv --ignore=static --ignore=var --ignore=tests --no-obsolete
	DEBUG=1 $(PY) manage.py compilemessages --ignore=.venv

clean:
	rm -rf $(VENV) var test-artifacts
