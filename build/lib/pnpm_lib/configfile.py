"""YAML configuration files (batch configs, indicator frameworks): read and report problems one way."""

from __future__ import annotations

from pathlib import Path

import yaml

from pnpm_lib.errors import ConfigError


def read_yaml(path: Path, what: str) -> object:
    """The parsed file, or a ConfigError saying which ``what`` is missing or malformed."""
    path = Path(path)
    if path.is_dir():
        raise ConfigError(f"{what} {path} is a folder; give the YAML file inside it")
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"{what} not found: {path}") from None
    except PermissionError:
        raise ConfigError(f"{what} {path} cannot be read (permission denied)") from None
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: not UTF-8 text (byte {exc.start}); save it as UTF-8") from None
    except yaml.YAMLError as exc:
        raise ConfigError(f"{path}: not valid YAML: {' '.join(str(exc).split())}") from None
