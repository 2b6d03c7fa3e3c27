"""Validate brief parameters against the template before any kernel starts.

papermill only warns about unknown parameters and never checks types
(papermill #818), so a typo in a nightly config would silently render the
default brief. Names and types come from the template's annotated
``parameters`` cell; allowed values for known names come from the library.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Mapping
from functools import cache, lru_cache
from pathlib import Path

from pnpm_lib.errors import ParameterError
from pnpm_lib.i18n import LANGS

_TYPES: dict[str, tuple[type, ...]] = {
    "str": (str,),
    "int": (int,),
    "float": (int, float),
    "bool": (bool,),
}


CHOICES: dict[str, Callable[[], tuple[str, ...]]] = {
    "lang": lambda: LANGS,
    "region_level": lambda: ("province", "kabupaten", "kecamatan"),
}
"""Allowed values for parameters that mean the same thing in every template."""


PATH_PARAMETERS = ("data_path", "village_path", "framework_path")
"""Parameters that name a user's file: relative paths mean relative to the config file."""


def template_parameters(template: Path) -> dict[str, dict]:
    """Parameters declared in the template's ``parameters`` cell (papermill's parser); read once per version of
    the file, since a batch of 7,000 briefs asks 14,000 times."""
    if not template.is_file():
        raise ParameterError(f"template not found: {template}")
    return _declared(str(template), template.stat().st_mtime_ns)


@lru_cache(maxsize=32)
def _declared(template_path: str, _mtime_ns: int) -> dict[str, dict]:
    import papermill

    template = Path(template_path)
    try:
        params = papermill.inspect_notebook(str(template))
    except (ValueError, OSError) as exc:  # not a notebook, or one without a kernel papermill can name
        raise ParameterError(f"{template}: cannot read its parameters ({' '.join(str(exc).split())})") from None
    if not params:
        raise ParameterError(f"{template}: no cell tagged 'parameters'")
    return params


def validate_parameters(template: Path, values: Mapping[str, object]) -> dict[str, object]:
    """Return ``values`` if every name, type and choice is valid; raise ParameterError."""
    declared = template_parameters(template)
    for name, value in values.items():
        if name not in declared:
            raise ParameterError(
                f"unknown parameter {name!r} for {template.name}; "
                f"valid parameters: {', '.join(declared)}"
            )
        _check_type(template, name, value, declared[name]["inferred_type_name"])
        _check_choice(name, value)
    missing = [name for name, spec in declared.items() if spec["default"] == "None" and name not in values]
    if missing:
        raise ParameterError(f"{template.name} requires parameter(s) {', '.join(missing)} (no default)")
    _check_rules({**_defaults(declared), **values})
    _check_edition(template, values.get("lang"))
    return dict(values)


def _check_edition(template: Path, lang: object) -> None:
    """A language edition (``notebooks/<lang>/…``) only renders in its own language: its prose is fixed."""
    edition_lang = edition_language(template)
    if edition_lang and lang is not None and lang != edition_lang:
        raise ParameterError(f"{template} is the {edition_lang!r} edition; for lang={lang!r} use the "
                             f"{lang!r} edition (a config may name the template as notebooks/{{lang}}/…)")


@cache
def edition_language(template: Path) -> str | None:
    """The language of a notebook edition (its ``pnpm.lang`` metadata), or None for a template."""
    import json

    return json.loads(template.read_text(encoding="utf-8")).get("metadata", {}).get("pnpm", {}).get("lang")


def _defaults(declared: dict[str, dict]) -> dict[str, object]:
    """The template's literal defaults (papermill gives their source text)."""
    out = {}
    for name, spec in declared.items():
        try:
            out[name] = ast.literal_eval(spec["default"])
        except (ValueError, SyntaxError):
            continue
    return out


def _check_rules(values: Mapping[str, object]) -> None:
    """Rules that need the library: a region code that fits its level, a disclosure threshold ≥ floor."""
    from pnpm_lib.disclosure import DisclosureError, check_min_cell
    from pnpm_lib.errors import RegionError
    from pnpm_lib.regions import check_code, check_covered

    try:
        if "min_cell" in values:
            check_min_cell(values["min_cell"])  # type: ignore[arg-type]
        if "region_level" in values and "region" in values:
            check_covered(check_code(str(values["region_level"]), str(values["region"])))
    except (DisclosureError, RegionError) as exc:
        raise ParameterError(str(exc)) from None


def _check_type(template: Path, name: str, value: object, type_name: str) -> None:
    expected = _TYPES.get(type_name.lower())
    if expected is None:
        return
    ok = isinstance(value, expected) and not (bool not in expected and isinstance(value, bool))
    if not ok:
        raise ParameterError(
            f"parameter {name!r} of {template.name} must be {type_name}, "
            f"got {type(value).__name__} {value!r}"
        )


def _check_choice(name: str, value: object) -> None:
    if name not in CHOICES:
        return
    choices = CHOICES[name]()
    if value not in choices:
        raise ParameterError(
            f"invalid {name} {value!r}; valid choices: {', '.join(map(str, choices))}"
        )
