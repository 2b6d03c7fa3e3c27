"""YAML configuration files (batch configs, indicator frameworks): read and report problems one way."""

from __future__ import annotations

from pathlib import Path

import yaml

from pnpm_lib.errors import ConfigError


def read_yaml(path: Path, what: str) -> object:
    """The parsed file, or a ConfigError saying which ``what`` is missing or malformed."""
    try:
        return yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"{what} not found: {path}") from None
    except yaml.YAMLError as exc:
        raise ConfigError(f"{path}: not valid YAML: {exc}") from None
