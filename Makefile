# dateline — two commands on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
BIN := $(VENV)/bin
SHARED ?= ../shared
DEMO_CORPUS := $(if $(wildcard $(SHARED)/corpus/japan-north-korea/*),$(SHARED)/corpus/japan-north-korea,examples/corpus)
DEMO_OUT ?= demo-output
CHROMIUM ?= /usr/bin/chromium

.PHONY: install demo test lint bench browser clean

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[eval,test]'
	touch $@

install: $(VENV)/.installed

demo: install
	$(BIN)/dateline build $(DEMO_CORPUS) -o $(DEMO_OUT)
	@echo
	@echo "Open $(CURDIR)/$(DEMO_OUT)/timeline.html in a browser, or read $(DEMO_OUT)/timeline.md"

# Debian's Chromium for the browser tests of the HTML report (installed when missing and possible;
# without it those tests skip with a reason).
browser:
	@if [ ! -x $(CHROMIUM) ] && command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
		echo "installing Debian chromium for the browser tests"; \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
			|| echo "could not install chromium; browser tests will be skipped"; \
	fi

lint: install
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/lint-imports --no-cache

test: install browser lint
	$(BIN)/pytest -q -p no:cacheprovider

bench: install
	$(PY) benchmarks/run_all.py

clean:
	rm -rf $(DEMO_OUT) test-artifacts .pytest_cache build dist src/*.egg-info
