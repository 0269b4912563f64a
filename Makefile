# Two commands for a fresh machine: `make run` and `make test`. See README.md.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test test-full bench import-score worker beat system-deps venv clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)

$(VENV)/.installed: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

venv: $(VENV)/.installed

system-deps:
	bash scripts/install-system-deps.sh

# Laptop defaults: SQLite file db.sqlite3, tasks in-process, DEBUG on.
run: system-deps venv
	DEBUG=1 $(BIN)/python manage.py migrate --no-input
	DEBUG=1 $(BIN)/python manage.py load_demo --users
	@echo "Serving on http://$(HOST):$(PORT)/ (Ctrl-C stops)"
	DEBUG=1 $(BIN)/python manage.py runserver $(HOST):$(PORT)

# The whole suite. Uses DATABASE_URL / REDIS_URL when set (CI sets both), else SQLite.
test: system-deps venv
	$(BIN)/python -m pytest

# The whole suite on the machine's PostgreSQL and Redis, as CI runs it.
test-full: system-deps venv
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/smewg_dev} \
	REDIS_URL=$${REDIS_URL:-redis://127.0.0.1:6379/15} $(BIN)/python -m pytest

# The scale benchmarks run on their own PostgreSQL database (created if missing), holding the
# generated archive (bench/archive.py); BENCH_DATABASE_URL names another.
BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/smewg_bench

bench: system-deps venv
	DEBUG=1 $(BIN)/python bench/pdf.py
	DEBUG=1 $(BIN)/python bench/import_archive.py
	DEBUG=1 $(BIN)/python bench/storage.py
	DATABASE_URL=$(BENCH_DATABASE_URL) $(BIN)/python bench/archive.py
	DATABASE_URL=$(BENCH_DATABASE_URL) $(BIN)/python bench/insights.py
	DATABASE_URL=$(BENCH_DATABASE_URL) $(BIN)/python bench/scale.py
	DATABASE_URL=$(BENCH_DATABASE_URL) $(BIN)/python bench/pages.py

# The share of known summaries' facts the importer recognises (bench/import_score.py).
import-score: venv
	DEBUG=1 $(BIN)/python bench/import_score.py

# One worker for both queues; on machines of their own: -Q pdf (renders) and -Q default (mail, reminders).
worker: venv
	$(BIN)/celery -A smewg worker -Q default,pdf --loglevel=INFO

beat: venv
	$(BIN)/celery -A smewg beat --loglevel=INFO

clean:
	rm -rf $(VENV) db.sqlite3 media staticfiles tests/artifacts
