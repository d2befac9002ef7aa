# Two entry points for a new machine (Debian, Python 3.11, root): `make app` and `make test`.
# Each creates .venv on first use and reinstalls only when a requirements file changed.

VENV := .venv
PYTHON := $(VENV)/bin/python
PORT ?= 8866

.PHONY: app test chromium

$(VENV)/app-installed: requirements.txt
	python3 -m venv $(VENV)
	$(PYTHON) -m pip install --quiet --upgrade pip
	$(PYTHON) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/test-installed: $(VENV)/app-installed requirements-test.txt
	$(PYTHON) -m pip install --quiet -r requirements-test.txt
	touch $@

# The browser tests drive Debian's Chromium (a browser download of playwright's own cannot work here).
chromium:
	@command -v chromium >/dev/null || { apt-get update -qq && apt-get install -y -qq chromium; }

app: $(VENV)/app-installed
	$(VENV)/bin/voila dashboard.ipynb --no-browser --port=$(PORT)

test: chromium $(VENV)/test-installed
	$(PYTHON) -m ruff check .
	$(PYTHON) -m ruff format --check .
	$(PYTHON) -m pytest
