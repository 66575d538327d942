# make run       : set everything up, process the sample archive data/raw into data/processed
# make test      : set everything up, lint (ruff), run the test suite (slow end-to-end tests and the
#                  import contracts included)
# make dvc-repro : rebuild data/processed stage by stage with DVC (never retrains the NER model)
# make train-ner : retrain the shipped NER model from ../shared/corpora (models/sv_minutes_ner)
# make generate  : regenerate params.yaml, dvc.yaml, docs/data-dictionary.md and docs/codebook.md from the
#                  declarations and vocabularies
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT_PACKAGES := tesseract-ocr tesseract-ocr-swe tesseract-ocr-osd poppler-utils fonts-dejavu-core antiword catdoc
# the browser test of the review site (tests/test_report.py) needs a headless Chromium
TEST_APT_PACKAGES := chromium
INPUT ?= data/raw
OUT ?= data/processed

.PHONY: setup system-deps run test test-fast lint dvc-setup dvc-repro train-ner generate schema bench quality clean confidence

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
	$(VENV)/bin/ruff check pipeline tests
	$(VENV)/bin/pytest -q

test-fast: setup
	$(VENV)/bin/ruff check pipeline tests
	$(VENV)/bin/pytest -q -m "not slow"

# ruff, and the import contracts of pyproject.toml (tests/test_layout.py checks them in `make test` too)
lint: setup
	$(VENV)/bin/ruff check pipeline tests
	$(VENV)/bin/lint-imports

$(VENV)/.dvc-installed: $(VENV)/.installed
	$(PY) -m pip install -q -e ".[dvc]"
	touch $@

dvc-setup: setup $(VENV)/.dvc-installed

# reproduce data/processed stage by stage with DVC (dvc.yaml; the repository carries its .dvc/ setup,
# no remote is needed). train_ner is frozen: this never retrains or overwrites the shipped NER model.
dvc-repro: dvc-setup
	PATH="$(CURDIR)/$(VENV)/bin:$$PATH" $(VENV)/bin/dvc repro

# retrain the NER model (the frozen train_ner stage's command) from ../shared/corpora, replacing
# models/sv_minutes_ner; commit the new model, then `make dvc-repro` re-runs ner and what follows
train-ner: setup
	$(PY) -m pipeline.stages.ner.train --params params.yaml

# params.yaml, dvc.yaml, the data dictionary and the codebook, from the stage declarations, the schema and the
# vocabularies (tests check them)
generate: setup
	$(VENV)/bin/minutes params --out params.yaml
	$(VENV)/bin/minutes dvc --out dvc.yaml
	$(VENV)/bin/minutes schema --out docs/data-dictionary.md
	$(VENV)/bin/minutes codebook --out docs/codebook.md

# models/confidence/: the precision of each evidence bucket on the gold-annotated fixture corpus
# (never the development set: benchmarks/confidence_calibration.py measures the table there)
CONFIDENCE_RUN ?= /tmp/minutes-confidence-fixtures
confidence: setup
	$(VENV)/bin/minutes run tests/fixtures/minutes --out $(CONFIDENCE_RUN) --params params.yaml --fresh
	$(PY) -m pipeline.products.calibrate --pred $(CONFIDENCE_RUN) --gold tests/fixtures/minutes/gold --write models/confidence

# speed and quality figures (scripts that print; nothing is asserted)
bench: setup
	$(PY) benchmarks/ingest_bench.py
	$(PY) benchmarks/repair_bench.py
	$(PY) benchmarks/pipeline_bench.py
	$(PY) benchmarks/ocr_bench.py
	$(PY) benchmarks/run_bench.py

# docs/quality.md: the dev set (../shared beside the clone) scored by source
quality: setup
	$(PY) benchmarks/quality_report.py

schema: setup
	$(VENV)/bin/minutes schema --out docs/data-dictionary.md

clean:
	rm -rf data/processed data/interim
