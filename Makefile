# Two commands for a fresh clone:  make run  |  make test
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
MODEL := models/union_ie

.PHONY: run test setup corpus train evaluate bench clean

run: setup  ## create the environment, fetch the segmenter, extract records from seeds/
	$(PY) -m pipeline extract seeds/ --format table

test: setup  ## run the whole test suite
	$(PY) -m pytest -q

setup: $(VENV)/.installed  ## environment + pkuseg model in the cache (once)
	$(PY) -m pipeline setup

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip setuptools wheel
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $@

corpus: $(VENV)/.installed  ## authored markup -> corpus/*.jsonl, then validate
	$(PY) -m pipeline corpus build
	$(PY) -m pipeline corpus validate
	$(PY) -m pipeline corpus stats

train: setup  ## convert, train NER and linkers, assemble models/union_ie
	$(PY) training/convert.py
	$(PY) training/train_ner.py
	$(PY) training/train_linkers.py
	$(PY) training/assemble.py

evaluate: setup  ## test-split figures with ablations
	$(PY) -m pipeline evaluate corpus/test.jsonl --ablation

bench: setup  ## speed and memory
	$(PY) -m pipeline bench

clean:
	rm -rf $(VENV) training/output corpus/*.spacy
