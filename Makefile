# Two entry points for a new machine (Debian, Python 3.11, root): `make app` and `make test`, and
# a third for the static site, `make site serve-site`. Each creates its virtualenv on first use and
# reinstalls only when a requirements file changed.

VENV := .venv
PYTHON := $(VENV)/bin/python
PORT ?= 8866

.PHONY: app test chromium axe binder-pins site serve-site

# requirements.txt installs the app's Voila template too (./share, voila.json's "template"): a
# change to it reinstalls.
TEMPLATE := share/pyproject.toml $(wildcard share/jupyter/voila/templates/pd/*)

$(VENV)/app-installed: requirements.txt $(TEMPLATE)
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

# axe-core, for the accessibility tests (tests/test_accessibility.py): the version the lock file
# pins, from the npm registry, again only when the lock file changed.
AXE := tests/axe/node_modules/axe-core/axe.min.js

$(AXE): tests/axe/package-lock.json
	cd tests/axe && npm ci --ignore-scripts --no-audit --no-fund
	touch $@

axe: $(AXE)

# The suite tests the static site too: it is built first (site/README.md).
test: chromium $(VENV)/test-installed axe site
	$(PYTHON) -m ruff check .
	$(PYTHON) -m ruff format --check .
	$(VENV)/bin/lint-imports
	$(PYTHON) -m pytest

# The static site (site/README.md): the same notebook in the visitor's browser, built into _site/
# by its own tools (site/requirements.txt) from the package registries only.
SITE_VENV := .site-venv
SITE_PORT ?= 8000

$(SITE_VENV)/installed: site/requirements.txt
	python3 -m venv $(SITE_VENV)
	$(SITE_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(SITE_VENV)/bin/python -m pip install --quiet -r site/requirements.txt
	touch $@

site: $(SITE_VENV)/installed
	$(SITE_VENV)/bin/python site/build.py --output _site

serve-site:
	@test -f _site/voici/render/dashboard.html || { echo "serve-site: run make site first" >&2; exit 1; }
	@echo "The app: http://127.0.0.1:$(SITE_PORT)/voici/render/dashboard.html"
	python3 -m http.server --bind 127.0.0.1 --directory _site $(SITE_PORT)

# binder/requirements.txt is the whole environment Binder builds, every package pinned with `==`:
# the app's requirements.txt plus JupyterLab, resolved in a throwaway virtualenv on Python 3.11
# (binder/runtime.txt) and frozen. Run `make binder-pins` after changing requirements.txt.
JUPYTERLAB_VERSION := 4.6.6
BINDER_PINS_VENV := /tmp/binder-pins-venv

binder-pins:
	@python3 -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' \
		|| { echo "binder-pins: python3 must be 3.11, as in binder/runtime.txt" >&2; exit 1; }
	rm -rf $(BINDER_PINS_VENV)
	python3 -m venv $(BINDER_PINS_VENV)
	$(BINDER_PINS_VENV)/bin/python -m pip install --quiet -r requirements.txt jupyterlab==$(JUPYTERLAB_VERSION)
	{ echo "# The complete environment Binder (repo2docker) installs: requirements.txt plus"; \
	  echo "# jupyterlab==$(JUPYTERLAB_VERSION), every package pinned, resolved on Python 3.11 (binder/runtime.txt)."; \
	  echo "# Generated, do not edit: refresh with \`make binder-pins\` (a throwaway venv, pip freeze)."; \
	  echo "# The app's Voila template from the repository, as in requirements.txt (repo2docker copies"; \
	  echo "# the repository before it installs a requirements file naming a local path)."; \
	  echo "./share"; \
	  $(BINDER_PINS_VENV)/bin/python -m pip freeze --exclude-editable | grep -v ' @ file://' | LC_ALL=C sort -f; \
	} > binder/requirements.txt.tmp
	mv binder/requirements.txt.tmp binder/requirements.txt
	rm -rf $(BINDER_PINS_VENV)
