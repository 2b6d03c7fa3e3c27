"""The seven-goal indicator framework: a YAML file of measurable indicators, validated.

Each indicator belongs to one of the programme's seven specific goals and is
computed from the village table: ``numerator`` alone (a level or a share
already in the data) or ``numerator / denominator`` (× ``scale``). It carries a
direction (1: higher is better, −1: lower is better), a unit, an adequacy
cutoff (what counts as "enough", for the counting view) and a rationale.
Goal weights sum to 1; indicator weights within a goal sum to 1 (equal when
omitted), so an indicator's weight in the index is goal weight × its weight.

Weights may be written as numbers or fractions (``"1/7"``). A file that names an
unknown goal or column, lacks a direction, or whose weights do not sum to 1 is
rejected with every problem listed (``ConfigError``).

Aggregating above the desa: a ratio indicator is the ratio of the sums (women
attending / all attending in the kecamatan), a single-column indicator is the
mean over desa. A zero denominator gives a missing value, never 0 or infinity.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from functools import cached_property
from pathlib import Path
from typing import Any, Literal

import numpy as np
import pandas as pd
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator
from pydantic_core import ErrorDetails

from pnpm_lib.configfile import read_yaml
from pnpm_lib.errors import ConfigError
from pnpm_lib.program import GOAL_KEYS, goal
from pnpm_lib.schemas import VILLAGES

DEFAULT_FRAMEWORK = Path(__file__).resolve().parents[2] / "config" / "indicators.yml"
LEVELS = {"desa": "desa_code", "kecamatan": "kecamatan_code", "kabupaten": "kabupaten_code",
          "province": "province_code"}
TOLERANCE = 1e-6


def _fraction(value: object) -> float:
    """A weight written as 0.25, 1 or "1/7"."""
    try:
        return float(Fraction(str(value).strip()))
    except (ValueError, ZeroDivisionError):
        raise ValueError(f"a weight must be a number or a fraction like 1/7, got {value!r}") from None


class Label(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str
    en: str


class IndicatorSpec(BaseModel):
    """One indicator as written in the framework file."""

    model_config = ConfigDict(extra="forbid")

    key: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    goal: str
    label: Label
    numerator: str
    denominator: str | None = None
    scale: float = 1.0
    direction: Literal[1, -1]
    unit: Label | str  # bilingual, or one text in the user's own language

    def unit_text(self, lang: str) -> str:
        return self.unit if isinstance(self.unit, str) else getattr(self.unit, lang)
    cutoff: float
    weight: float | None = None
    rationale: str
    source: str = ""

    @field_validator("weight", mode="before")
    @classmethod
    def _weight(cls, value: object) -> float | None:
        return None if value is None else _fraction(value)


class FrameworkSpec(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: Label | str  # bilingual, or one name in the user's own language
    table: Literal["villages"] = "villages"
    synthetic_columns: list[str] = Field(default_factory=list)
    goals: dict[str, float]
    indicators: list[IndicatorSpec] = Field(min_length=2)

    @field_validator("goals", mode="before")
    @classmethod
    def _goal_weights(cls, value: object) -> object:
        return {k: _fraction(v) for k, v in value.items()} if isinstance(value, dict) else value


@dataclass(frozen=True)
class Framework:
    """A validated framework: indicators in file order plus their effective weights."""

    name: Label | str
    source: str
    goal_weights: dict[str, float]
    indicators: tuple[IndicatorSpec, ...]
    synthetic_columns: tuple[str, ...] = ()

    def title(self, lang: str = "id") -> str:
        """The framework's name in ``lang`` (a single-language name is shown as written)."""
        return self.name if isinstance(self.name, str) else getattr(self.name, lang)

    @property
    def keys(self) -> list[str]:
        return [i.key for i in self.indicators]

    @cached_property
    def weights(self) -> dict[str, float]:
        """Each indicator's weight in the index: goal weight × within-goal weight (sums to 1)."""
        return {i.key: self.goal_weights[i.goal] * self._within(i) for i in self.indicators}

    def _within(self, indicator: IndicatorSpec) -> float:
        peers = [i for i in self.indicators if i.goal == indicator.goal]
        return indicator.weight if indicator.weight is not None else 1 / len(peers)

    def within_goal(self, goal_key: str) -> dict[str, float]:
        """Weights of one goal's indicators, summing to 1."""
        return {i.key: self._within(i) for i in self.indicators if i.goal == goal_key}

    @property
    def directions(self) -> dict[str, int]:
        return {i.key: i.direction for i in self.indicators}

    @property
    def cutoffs(self) -> dict[str, float]:
        return {i.key: i.cutoff for i in self.indicators}

    @property
    def goals(self) -> list[str]:
        """Goals that have indicators, in the programme's order."""
        used = {i.goal for i in self.indicators}
        return [g for g in GOAL_KEYS if g in used]

    def columns(self) -> set[str]:
        return {c for i in self.indicators for c in (i.numerator, i.denominator) if c}

    def table(self, lang: str = "id") -> pd.DataFrame:
        """The framework as a reader's table: goal, indicator, unit, direction, adequacy cutoff, weight.

        Formulas stay in the framework file (they name data columns, not words).
        """
        from pnpm_lib import fmt
        from pnpm_lib.i18n import t

        return pd.DataFrame([{
            t("ind.col.goal", lang): goal(i.goal).short(lang),
            t("ind.col.indicator", lang): getattr(i.label, lang),
            t("ind.col.unit", lang): i.unit_text(lang),
            t("ind.col.direction", lang): t(f"ind.direction.{i.direction}", lang),
            t("ind.col.cutoff", lang): fmt.decimal(i.cutoff, fmt.tick_digits([i.cutoff]), lang),
            t("ind.col.weight", lang): fmt.share(self.weights[i.key], 1, lang),
        } for i in self.indicators])


def load_framework(path: str | Path = DEFAULT_FRAMEWORK) -> Framework:
    """Read and validate a framework file; every problem is reported at once (ConfigError)."""
    path = Path(path)
    raw = read_yaml(path, "indicator framework")
    try:
        spec = FrameworkSpec.model_validate(raw)
    except ValidationError as exc:
        raise ConfigError(f"{path}: " + "; ".join(_describe(raw, e) for e in exc.errors())) from None
    problems = _problems(spec)
    if problems:
        raise ConfigError(f"{path}: " + "; ".join(problems))
    return Framework(spec.name, str(path), dict(spec.goals), tuple(spec.indicators), tuple(spec.synthetic_columns))


def _describe(raw: Any, error: ErrorDetails) -> str:
    """A pydantic error with the indicator's key instead of a bare list index."""
    loc = list(error["loc"])
    if len(loc) >= 2 and loc[0] == "indicators" and isinstance(loc[1], int):
        try:
            loc[1] = f"{loc[1] + 1} ({raw['indicators'][loc[1]].get('key', '?')})"
        except (KeyError, IndexError, TypeError, AttributeError):
            loc[1] = str(loc[1] + 1)
    where = ".".join(map(str, loc)) or "(top level)"
    message = "missing (required)" if error["type"] == "missing" else error["msg"]
    return f"{where}: {message}"


def _problems(spec: FrameworkSpec) -> list[str]:
    problems = [f"goal {g!r} is not one of the seven goals ({', '.join(GOAL_KEYS)})"
                for g in spec.goals if g not in GOAL_KEYS]
    total = sum(spec.goals.values())
    if abs(total - 1) > TOLERANCE or any(w < 0 for w in spec.goals.values()):
        problems.append(f"goal weights must be ≥ 0 and sum to 1; they sum to {total:.6g}")
    known = set(VILLAGES.columns)
    seen: set[str] = set()
    for i in spec.indicators:
        where = f"indicator {i.key!r}"
        if i.key in seen:
            problems.append(f"{where} is listed twice")
        seen.add(i.key)
        if i.goal not in spec.goals:
            problems.append(f"{where}: goal {i.goal!r} has no weight under 'goals'")
        for column in (i.numerator, i.denominator):
            if column and column not in known:
                problems.append(f"{where}: unknown column {column!r} (village table columns: "
                                f"{', '.join(sorted(known))})")
        if i.weight is not None and i.weight < 0:
            problems.append(f"{where}: weight must be ≥ 0, got {i.weight:g}")
    for g, weight in spec.goals.items():
        members = [i for i in spec.indicators if i.goal == g]
        if weight > 0 and not members:
            problems.append(f"goal {g!r} has weight {weight:g} but no indicators")
        given = [i.weight for i in members if i.weight is not None]
        if given and len(given) != len(members):
            problems.append(f"goal {g!r}: give a weight to all of its indicators or to none")
        elif given and abs(sum(given) - 1) > TOLERANCE:
            problems.append(f"goal {g!r}: indicator weights must sum to 1; they sum to {sum(given):.6g}")
    return problems


def compute(villages: pd.DataFrame, framework: Framework, level: str = "desa") -> pd.DataFrame:
    """Indicator values per unit of ``level`` and year, with the region codes above it.

    Ratio indicators are ratios of sums over the unit's desa; single-column ones are means.
    """
    if level not in LEVELS:
        raise ValueError(f"level must be one of {', '.join(LEVELS)}, got {level!r}")
    missing = sorted(framework.columns() - set(villages.columns))
    if missing:
        raise ConfigError(f"framework {framework.title()!r} needs column(s) {', '.join(missing)}, "
                          f"which the village data do not have")
    data = villages.assign(kabupaten_code=villages["kecamatan_code"].str[:4])
    keys = [LEVELS[k] for k in ("province", "kabupaten", "kecamatan", "desa")]
    keys = keys[: keys.index(LEVELS[level]) + 1] + ["year"]
    sums = sorted({c for i in framework.indicators if i.denominator for c in (i.numerator, i.denominator)})
    means = sorted({i.numerator for i in framework.indicators if i.denominator is None})
    grouped = data.groupby(keys, sort=True, observed=True)
    totals = grouped[sums].sum(min_count=1) if sums else pd.DataFrame(index=grouped.size().index)
    averages = grouped[means].mean() if means else pd.DataFrame(index=totals.index)
    out = pd.DataFrame(index=totals.index)
    if "treated" in data:
        out["treated"] = grouped["treated"].max()
    for i in framework.indicators:
        if i.denominator:
            denominator = totals[i.denominator].astype(float)
            value = totals[i.numerator].astype(float) / denominator.where(denominator > 0)
        else:
            value = averages[i.numerator].astype(float)
        out[i.key] = value * i.scale
    return out.reset_index()


def indicator_matrix(values: pd.DataFrame, framework: Framework) -> pd.DataFrame:
    """Just the indicator columns, as floats (for the index, AF and the audit)."""
    return values[framework.keys].astype(float).replace([np.inf, -np.inf], np.nan)
