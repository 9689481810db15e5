# cinebridge — the README's two commands (`make run`, `make test`) set everything up themselves.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint install install-dev messages makemessages migrate seed bench bench-seed bench-pages bench-avails bench-royalties bench-schedule bench-coproduction lock clean

# --- environment -------------------------------------------------------------------------
$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.base-installed: requirements/base.txt | $(VENV)/bin/python
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements/base.txt
	touch $@

$(VENV)/.dev-installed: requirements/base.txt requirements/dev.txt | $(VENV)/bin/python
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements/base.txt -r requirements/dev.txt
	touch $@ $(VENV)/.base-installed

install: $(VENV)/.base-installed
install-dev: $(VENV)/.dev-installed

# Compiled catalogues are build output (pure-Python Babel: no system gettext needed).
messages: install
	$(VENV)/bin/pybabel compile --domain django --directory locale --statistics 2>&1 | tail -n 5

# Extract new strings into the five catalogues (needs GNU gettext's xgettext).
makemessages: install
	$(PY) manage.py makemessages --locale fa --locale ar --locale ru --locale be --locale en --ignore '.venv/*' --ignore 'bench/*' --no-obsolete

migrate: install messages
	$(PY) manage.py migrate --noinput

seed: migrate
	$(PY) manage.py seed_demo

# --- the README's commands ----------------------------------------------------------------
run: seed
	$(PY) manage.py collectstatic --noinput --verbosity 0
	@echo ""
	@echo "cinebridge is starting on http://$(HOST):$(PORT)/  (Ctrl+C stops it)"
	$(PY) manage.py runserver $(HOST):$(PORT)

test: install-dev messages
	bash scripts/install_test_system_deps.sh
	bash scripts/run_tests.sh

lint: install-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy .
	DJANGO_SETTINGS_MODULE=config.settings.test $(PY) manage.py makemigrations --check --dry-run
	$(VENV)/bin/djlint --lint cinebridge

# --- benchmarks (not part of `make test`) --------------------------------------------------
bench: bench-seed bench-pages bench-avails bench-royalties bench-schedule bench-coproduction

bench-seed: install messages
	$(PY) bench/seed_scale.py

# Page and API latency over a large catalogue: seeds var/bench-pages.sqlite3 once, then measures.
BENCH_DB := var/bench-pages.sqlite3
bench-pages: install messages
	@if [ ! -f $(BENCH_DB) ]; then \
	  DATABASE_URL=sqlite:///$(BENCH_DB) $(PY) manage.py migrate --noinput -v0 && \
	  DATABASE_URL=sqlite:///$(BENCH_DB) $(PY) manage.py seed_demo --scale $${BENCH_FILMS:-100000}; fi
	DATABASE_URL=sqlite:///$(BENCH_DB) $(PY) bench/pages.py

# Rights avails over 100,000 works and 1,000,000 grants on PostgreSQL (its own database, created and
# kept between runs): BENCH_AVAILS_ARGS="--works 2000 --grants 20000" for a quick run.
bench-avails: install messages
	$(PY) bench/avails.py $(BENCH_AVAILS_ARGS)

# Royalty statements for 10,000 bookings × 52 weeks, the engine alone (no database):
# BENCH_ROYALTIES_ARGS="--bookings 1000" for a quick run.
bench-royalties: install
	$(PY) bench/royalties.py $(BENCH_ROYALTIES_ARGS)

# The schedule optimiser on three generated film weeks (small, medium, large), the engine alone:
# BENCH_SCHEDULE_ARGS="--only small,medium" for a quick run.
bench-schedule: install
	$(PY) bench/schedule.py $(BENCH_SCHEDULE_ARGS)

# The co-production engines (eligibility, what-if, matchmaking), the engines alone (no database):
# BENCH_COPRODUCTION_ARGS="--quick --skip-body" for a quick run.
bench-coproduction: install
	$(PY) bench/coproduction.py $(BENCH_COPRODUCTION_ARGS)

# Re-pin dependencies after editing requirements/*.in.
lock:
	$(PY) -m pip install --quiet uv
	cd requirements && ../$(VENV)/bin/uv pip compile --python-version 3.11 --generate-hashes base.in -o base.txt
	cd requirements && ../$(VENV)/bin/uv pip compile --python-version 3.11 --generate-hashes dev.in -o dev.txt

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
