# The two quick-start commands: `make run` and `make test` (see README).
VENV ?= .venv
PY := $(VENV)/bin/python
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/flevojeugd

.PHONY: run test lint bench browser clean

$(VENV)/.geinstalleerd: requirements.txt requirements-dev.txt
	python3 -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -r requirements-dev.txt
	touch $@

# Debian's Chromium drives the browser suite (Playwright cannot download its own here);
# pdftotext (poppler-utils) reads the quarterly PDF in the report tests.
browser:
	@command -v chromium >/dev/null 2>&1 && command -v pdftotext >/dev/null 2>&1 || { \
	  echo "Chromium of pdftotext ontbreekt: installeren met apt-get"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium poppler-utils >/dev/null; }

run: $(VENV)/.geinstalleerd
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo
	DEBUG=1 TWEESTAPS_VERPLICHT=0 $(PY) manage.py runserver 127.0.0.1:8000

test: $(VENV)/.geinstalleerd browser
	DATABASE_URL=$(TEST_DATABASE_URL) $(VENV)/bin/pytest

lint: $(VENV)/.geinstalleerd
	$(VENV)/bin/ruff check .

bench: $(VENV)/.geinstalleerd
	DATABASE_URL=$(TEST_DATABASE_URL) $(PY) bench/run.py

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles media
