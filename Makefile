# The two commands: `make run` (render the regional impact briefs) and `make test`; `make lab` and
# `make slides` are for workshops.
# Both create .venv on first use; later runs reuse it and need no network.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: run test lab slides clean distclean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python >= 3.11 is required")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e ".[test,lab]"
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/pnpm-mandiri briefs run config/briefs.yml

test: $(STAMP)
	$(BIN)/python -m pytest --nbval-lax --nbval-current-env tests notebooks

lab: $(STAMP)
	$(BIN)/jupyter lab notebooks

slides: $(STAMP)
	$(BIN)/pnpm-mandiri slides --output-dir outputs/slides

clean:
	rm -rf outputs

distclean: clean
	rm -rf $(VENV) *.egg-info
