# cartoparti — set-up, run and test. Everything a fresh machine needs is installed from here.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8501
CARTOPARTI_DB ?= data/cartoparti.duckdb
export CARTOPARTI_DB
SUDO := $(shell [ "$$(id -u)" = "0" ] || echo sudo)

.PHONY: setup run test lint bench chromium postgres pango assets venv db clean

setup: venv assets

venv: $(VENV)/.installed

$(VENV)/.installed: requirements.txt pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "Python 3.11 is required ($(PYTHON))"; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	$(PY) -m pip install --quiet --no-deps -e .
	touch $@

assets: static/vendor/.installed

static/vendor/.installed: package.json package-lock.json scripts/vendor_assets.py
	npm ci --no-audit --no-fund
	$(PY) scripts/vendor_assets.py
	touch $@

db: setup
	@$(PY) -m cartoparti settings > /dev/null
	@test -f "$(CARTOPARTI_DB)" || $(PY) -m cartoparti init

run: setup pango db
	$(PY) serve.py --server.port $(PORT) --server.address 0.0.0.0

# Debian's Chromium for the browser tests, with the colour emoji font so that screenshots
# show the pictograms residents see
EMOJI_FONT := /usr/share/fonts/truetype/noto/NotoColorEmoji.ttf
chromium:
	@{ command -v chromium >/dev/null && test -f $(EMOJI_FONT); } || { $(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-color-emoji; }

# Pango for WeasyPrint (the council brief as PDF: `cartoparti report`, page Bilan pour le conseil)
pango:
	@{ LDC=$$(command -v ldconfig || echo /sbin/ldconfig); $$LDC -p | grep -q 'libpango-1.0.so.0' && $$LDC -p | grep -q 'libpangoft2-1.0.so.0'; } || { $(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libpango-1.0-0 libpangoft2-1.0-0; }

lint: setup
	$(VENV)/bin/ruff check src pages app.py serve.py tests bench scripts
	$(VENV)/bin/lint-imports

# PostgreSQL 15 + PostGIS 3 for the PostGIS backend's tests (a throw-away cluster per run)
PG_BIN := /usr/lib/postgresql/15/bin
POSTGIS_CONTROL := /usr/share/postgresql/15/extension/postgis.control
postgres:
	@{ test -x $(PG_BIN)/initdb && test -f $(POSTGIS_CONTROL); } || { $(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql postgresql-15-postgis-3; }

test: setup chromium postgres pango lint
	$(PY) -m pytest -q -n 2 --dist loadfile

bench: setup
	$(PY) bench/run_all.py

clean:
	rm -rf $(VENV) node_modules static/vendor .pytest_cache
