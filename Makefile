# Two commands on a fresh machine: `make demo` and `make test`. Both build .venv first.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint bench clean format browser messages

$(STAMP): pyproject.toml tests/constraints.txt
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]' -c tests/constraints.txt
	touch $(STAMP)

demo: $(STAMP)
	BAZAR_POS_HOME=$(CURDIR)/.demo $(BIN)/bazar-pos demo

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy
	$(BIN)/lint-imports

# The message ids the code uses, as a template for PO tools; the catalogs themselves are edited by
# hand (tests/test_catalogs.py checks them against the code).
messages: $(STAMP)
	mkdir -p build
	$(BIN)/pybabel extract -F babel.cfg --no-default-keywords -k t -k text:2 -k InvalidInput \
		-k NotFound -k Conflict -k StorageError -k BazarError -k BundleRejected --omit-header \
		-o build/bazar_pos.pot src

format: $(STAMP)
	$(BIN)/ruff format src tests bench
	$(BIN)/ruff check --fix src tests bench

# The web pages' tests drive Debian's Chromium; install it when missing (root with apt-get),
# else say so: those tests then skip with the same message.
browser:
	@if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null \
		|| echo "chromium could not be installed: the browser tests (tests/web/test_browser.py) will be skipped"; \
	else echo "no chromium and no root apt-get: the browser tests (tests/web/test_browser.py) will be skipped"; fi

test: lint browser
	$(BIN)/pytest -n 2 -q

bench: $(STAMP)
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) .demo .pytest_cache .mypy_cache .ruff_cache
