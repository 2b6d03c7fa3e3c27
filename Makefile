# The two commands: `make run` (render the regional impact briefs) and `make test`; `make lab`,
# `make slides`, `make kartu` and `make fasilitator` are for workshops.
# Both create .venv on first use; later runs reuse it and need no network.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: run test test-all lint national lab slides kartu fasilitator notebooks clean distclean

LAB_LANG ?= id      # interface and notebooks: id or en
EDISI    ?= peserta # peserta (participants) or fasilitator (with solutions and notes)
PORT     ?= 8888
BROWSER  ?= yes     # no: do not open a browser (a server for the room, or a container)

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python >= 3.11 is required")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e ".[test,lab]"
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/pnpm-mandiri briefs run config/briefs.yml

# make test: the edit loop (shared fixtures at their smallest covering size, test files spread over the CPUs;
# every notebook edition is executed and proofread by tests/test_pages.py); make test-all: CI's run, adding the
# exhaustive renders, the long fault sweeps (--full) and nbval over every notebook.
PYTEST := $(BIN)/python -m pytest -n auto --dist loadfile --nbval-lax --nbval-current-env --nbval-cell-timeout=600

test: $(STAMP)
	$(PYTEST) tests

test-all: $(STAMP)
	$(PYTEST) --full tests notebooks

national: $(STAMP)  # one brief (HTML + PDF) per kecamatan of the national synthetic panel: about 7,000
	test -f data/national/kecamatan.csv || $(BIN)/pnpm-mandiri data national --output-dir data/national
	$(BIN)/pnpm-mandiri briefs run config/briefs_national.yml --pdf

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy

lab: $(STAMP)
	$(BIN)/pnpm-mandiri lab --lang $(strip $(LAB_LANG)) --port $(strip $(PORT)) \
	  $(if $(filter fasilitator,$(strip $(EDISI))),--facilitator) $(if $(filter no,$(strip $(BROWSER))),--no-browser)

slides: $(STAMP)
	$(BIN)/pnpm-mandiri slides --output-dir outputs/slides

kartu: $(STAMP)
	$(BIN)/pnpm-mandiri cards --output-dir outputs/kartu

fasilitator notebooks: $(STAMP)
	$(BIN)/pnpm-mandiri notebooks build

clean:
	rm -rf outputs

distclean: clean
	rm -rf $(VENV) *.egg-info
