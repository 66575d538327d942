# make run  : set everything up, process the sample archive data/raw into data/processed
# make test : set everything up, run the test suite (slow end-to-end tests included)
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT_PACKAGES := tesseract-ocr tesseract-ocr-swe tesseract-ocr-osd poppler-utils fonts-dejavu-core antiword catdoc
# the browser test of the review site (tests/test_report.py) needs a headless Chromium
TEST_APT_PACKAGES := chromium
INPUT ?= data/raw
OUT ?= data/processed

.PHONY: setup system-deps run test test-fast dvc-repro schema bench clean

setup: system-deps $(VENV)/.installed

# Debian packages the stages need at run time (OCR) and the tests need to build fixtures
system-deps:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi

$(VENV)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e ".[test]"
	touch $@

run: setup
	$(VENV)/bin/minutes run $(INPUT) --out $(OUT) --params params.yaml

test: setup
	@$(MAKE) --no-print-directory system-deps APT_PACKAGES="$(TEST_APT_PACKAGES)"
	$(VENV)/bin/pytest -q

test-fast: setup
	$(VENV)/bin/pytest -q -m "not slow"

# reproduce data/processed stage by stage with DVC (see dvc.yaml)
dvc-repro: setup
	$(PY) -m pip install -q -e ".[dvc]"
	PATH="$(CURDIR)/$(VENV)/bin:$$PATH" $(VENV)/bin/dvc repro

# speed and quality figures (scripts that print; nothing is asserted)
bench: setup
	$(PY) benchmarks/ingest_bench.py
	$(PY) benchmarks/repair_bench.py
	$(PY) benchmarks/pipeline_bench.py

schema: setup
	$(VENV)/bin/minutes schema --out docs/data-dictionary.md

clean:
	rm -rf data/processed data/interim
