# One-word commands. `make run` and `make test` do all set-up on a fresh machine.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PIP    := $(VENV)/bin/pip
# Development defaults; production sets its own environment (see README).
export DEBUG ?= true
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint format migrate demo messages translations worker shell benchmark loadtest backup restore clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

$(VENV)/.installed-run: pyproject.toml | $(PY)
	$(PIP) install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(PY)
	$(PIP) install --quiet -e ".[dev,production]"
	touch $@ $(VENV)/.installed-run

migrate: $(VENV)/.installed-run
	$(PY) manage.py migrate --no-input

demo: migrate
	$(PY) manage.py load_demo

# The .mo files are built from the committed .po catalogs (Babel: no GNU gettext needed).
messages: $(VENV)/.installed-run
	$(PY) manage.py compile_catalogs

# After changing user-facing strings: refresh the .po catalogs, then translate the new
# entries. Extraction needs GNU gettext (xgettext). locale/vi is kept by hand: it holds
# only third-party strings (the product's own are written in Vietnamese).
translations: $(VENV)/.installed-run
	$(PY) manage.py makemessages -l en --no-obsolete --ignore=.venv --ignore=var \
		--ignore=tests --ignore=benchmarks

run: demo messages
	HOST=$(HOST) PORT=$(PORT) scripts/run-embedded

worker: $(VENV)/.installed-run
	$(VENV)/bin/celery -A cchc worker -B -l info

test: $(VENV)/.installed-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy
	$(PY) manage.py makemigrations --check --dry-run
	$(PY) manage.py compile_catalogs
	$(VENV)/bin/pytest $(PYTEST_ARGS)

lint: $(VENV)/.installed-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

format: $(VENV)/.installed-dev
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

shell: $(VENV)/.installed-run
	$(PY) manage.py shell

benchmark: $(VENV)/.installed-dev
	$(PY) benchmarks/import_benchmark.py
	$(PY) benchmarks/import_service_benchmark.py
	$(PY) benchmarks/pdf_import_benchmark.py
	$(PY) benchmarks/pages_benchmark.py $(BENCH_ARGS)
	$(PY) benchmarks/dashboard_benchmark.py $(BENCH_ARGS)
	$(PY) benchmarks/reports_benchmark.py $(BENCH_ARGS)

$(VENV)/.installed-load: pyproject.toml | $(VENV)/.installed-dev
	$(PIP) install --quiet -e ".[production,load]"
	touch $@

# Locust against gunicorn + PostgreSQL on this machine (not CI); LOAD_ARGS="--users 20 --run-time 90s".
# LOADTEST_DATABASE_URL names the database it fills (default: cchc_loadtest on 127.0.0.1).
loadtest: $(VENV)/.installed-load
	DEBUG=false $(PY) benchmarks/loadtest.py $(LOAD_ARGS)

# Database + media into BACKUP_DIR (var/backups); TO=/elsewhere to choose.
backup: $(VENV)/.installed-run
	$(PY) manage.py backup $(if $(TO),--output "$(TO)")

# make restore FROM=var/backups/cchc-backup-YYYYmmdd-HHMMSS [FORCE=1]
restore: $(VENV)/.installed-run
	@test -n "$(FROM)" || { echo "Cần FROM=<thư mục bản sao lưu>"; exit 2; }
	$(PY) manage.py restore "$(FROM)" $(if $(FORCE),--force)

clean:
	rm -rf $(VENV) var/staticfiles
