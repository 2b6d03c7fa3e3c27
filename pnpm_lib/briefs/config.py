"""Batch configuration: a YAML file parsed into validated models (Cal-ITP style)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from pnpm_lib.configfile import read_yaml
from pnpm_lib.errors import ConfigError

Scalar = str | int | float | bool


class BatchConfig(BaseModel):
    """Which template to render, for which regions, with which shared parameters."""

    model_config = ConfigDict(extra="forbid")

    template: Path
    output_dir: Path = Path("outputs/briefs")
    region_parameter: str = "province"
    title: str | dict[str, str] = "PNPM Mandiri"  # one text, or one per language ({id: …, en: …})
    parameters: dict[str, Scalar] = Field(default_factory=dict)
    start_timeout: Annotated[int, Field(gt=0)] = 60  # seconds for a kernel to start
    cell_timeout: Annotated[int, Field(gt=0)] = 300  # seconds per notebook cell
    brief_timeout: Annotated[int, Field(gt=0)] = 900  # seconds per brief, all cells together
    regions: Annotated[list[dict[str, Scalar]], Field(min_length=1)]

    @model_validator(mode="after")
    def _regions_named_and_unique(self) -> BatchConfig:
        seen: set[str] = set()
        for i, region in enumerate(self.regions, start=1):
            if self.region_parameter not in region:
                raise ValueError(f"region {i} has no {self.region_parameter!r}")
            value = str(region[self.region_parameter])
            if value in seen:
                raise ValueError(f"region {value!r} is listed twice")
            seen.add(value)
        return self


def title_in(config: BatchConfig, lang: str) -> str:
    """The batch title in ``lang`` (the Indonesian one, or the only one, when none is given for it)."""
    if isinstance(config.title, str):
        return config.title
    return config.title.get(lang) or config.title.get("id") or next(iter(config.title.values()))


def load_config(path: Path) -> BatchConfig:
    """Parse and validate a batch config; relative paths are resolved against the repo.

    ``regions_file: FILE.csv`` (relative to the config) may list the regions instead of ``regions``: one row per
    brief, one column per parameter, read as text (so ``3301010`` stays a code) — for thousands of briefs.
    """
    raw = read_yaml(path, "config file")
    if isinstance(raw, dict) and "regions_file" in raw:
        raw = dict(raw)
        listed = _regions_from(path, raw.pop("regions_file"), "regions" in raw)
        raw["regions"] = listed
    try:
        config = BatchConfig.model_validate(raw)
    except ValidationError as exc:
        details = "; ".join(
            f"{'.'.join(map(str, e['loc'])) or '(top level)'}: {e['msg']}" for e in exc.errors()
        )
        raise ConfigError(f"{path}: {details}") from None
    return config


def slug(value: object) -> str:
    """A file-name-safe slug: lowercase letters, digits and dashes only."""
    text = re.sub(r"[^a-z0-9]+", "-", str(value).lower()).strip("-")
    return text[:60] or "x"


def brief_name(template_stem: str, parameter: str, value: object, lang: str) -> str:
    """The output stem: every output says what produced it (``brief__province_33__id``)."""
    return f"{slug(template_stem)}__{slug(parameter)}_{slug(value)}__{slug(lang)}"


def _regions_from(config: Path, name: object, also_listed: bool) -> list[dict[str, str]]:
    import pandas as pd

    if also_listed:
        raise ConfigError(f"{config}: give regions or regions_file, not both")
    file = Path(str(name))
    file = file if file.is_absolute() else config.resolve().parent / file
    try:
        table = pd.read_csv(file, dtype=str, keep_default_na=False)
    except (OSError, ValueError) as exc:
        raise ConfigError(f"{config}: regions_file {name!r} cannot be read ({file}): {exc}") from None
    return [{str(k): str(v) for k, v in row.items()} for row in table.to_dict("records")]
