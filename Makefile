# Two commands do everything on a fresh machine with python3 and make:
#   make demo   create .venv, install, run the demo
#   make test   install the test extras and run the whole suite (notebooks included)
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python

.PHONY: demo test test-deep bench notebooks system clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

# One stamp per set of extras, redone when pyproject.toml changes.
$(VENV)/.installed-%: pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e ".[$*]"
	touch $@

system:
	@./.ci/require dot graphviz

demo: system $(VENV)/.installed-draw,plot,progress
	$(BIN)/chainrule demo

test: system $(VENV)/.installed-all
	@./.ci/require chromium chromium
	$(PY) -m pytest

test-deep: system $(VENV)/.installed-all
	HYPOTHESIS_PROFILE=deep $(PY) -m pytest tests

# Rebuild the committed notebooks (with their outputs) from notebooks/src/.
notebooks: system $(VENV)/.installed-all
	$(PY) notebooks/build.py

# PyTorch is optional: installed when pip can get torch==2.13.0 (a CPU build),
# otherwise its comparison is skipped and the benchmark says so.
bench: $(VENV)/.installed-bench,draw
	@$(PY) -c "import torch" 2>/dev/null || $(PY) -m pip install --quiet "torch==2.13.0" \
		|| echo "PyTorch not installed: the PyTorch comparison will be skipped"
	$(PY) -m benchmarks

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .hypothesis
