"""One bilingual source per notebook → a notebook per language and per reader.

The sources are MyST Markdown files (``notebooks/source/*.md``, read with
jupytext) that hold both languages and the facilitator's material. Each becomes:

- a **participant** edition per language (``notebooks/<lang>/<name>.ipynb``,
  committed): only that language's prose, no solution, no facilitator note;
- a **facilitator** edition per language (``outputs/fasilitator/<lang>/``):
  the same plus solutions and notes (the nbgrader / otter-grader "assign" model);
- a **slides** edition per language: the participant edition whose facilitator
  notes and live-coding instructions become speaker notes, and whose typing
  cells are skipped (``pnpm_lib.slides``).

Source conventions:

- a markdown cell with ``lang`` metadata (``+++ {"lang": "id"}``) belongs to that
  language only; cells without it belong to both;
- tags: ``solution`` (a whole cell only facilitators get), ``facilitator`` (a
  note for the facilitator), ``live`` (an instruction to run or edit code: text in
  the notebook, a speaker note on a slide), ``exercise`` (a cell participants
  type into; not on slides), ``new-slide`` (starts a slide; headings do anyway);
- inside a code cell, lines between ``### BEGIN SOLUTION`` and ``### END
  SOLUTION`` are the facilitator's answer and are removed for participants;
- markdown may quote programme data with ``{{ program.DEFINITION }}`` (jinja2),
  filled in the edition's language at build time, so a quoted text has one
  source (``pnpm_lib.program``) and the edition is plain markdown.

Editions never drift from their source: ``pnpm-mandiri notebooks build`` writes
them and ``pnpm-mandiri notebooks check`` (a test) fails when a committed
edition differs from a fresh build.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import nbformat

from pnpm_lib.i18n import LANGS, check_lang

ROLES = ("participant", "facilitator", "slides")
SOLUTION = re.compile(r"^[ \t]*### BEGIN SOLUTION[^\n]*\n.*?^[ \t]*### END SOLUTION[^\n]*(\n|$)", re.MULTILINE | re.DOTALL)
MARKER = re.compile(r"^[ \t]*### (BEGIN|END) SOLUTION[^\n]*\n?", re.MULTILINE)
PARAMETER_LANG = re.compile(r'^lang: str = "[a-z]+"', re.MULTILINE)


def source_dir(root: Path) -> Path:
    return root / "notebooks" / "source"


def sources(root: Path) -> list[Path]:
    return sorted(source_dir(root).glob("*.md"))


def participant_path(root: Path, source: Path, lang: str) -> Path:
    return root / "notebooks" / lang / f"{source.stem}.ipynb"


def facilitator_path(out: Path, source: Path, lang: str) -> Path:
    return out / lang / f"{source.stem}.ipynb"


def read_source(path: Path) -> nbformat.NotebookNode:
    import jupytext

    return jupytext.read(path, fmt="md:myst")


def edition(source: nbformat.NotebookNode, lang: str, role: str, name: str = "") -> nbformat.NotebookNode:
    """The ``role`` edition of ``source`` in ``lang`` (a new notebook; ``source`` is not changed)."""
    check_lang(lang)
    if role not in ROLES:
        raise ValueError(f"unknown edition {role!r}; choose one of: {', '.join(ROLES)}")
    nb = nbformat.v4.new_notebook()
    nb.metadata = {
        "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
        "language_info": {"name": "python"},
        "pnpm": {"edition": role, "lang": lang, "source": f"notebooks/source/{name}.md" if name else ""},
    }
    context = _context(lang)
    for cell in source.cells:
        kept = _cell(cell, lang, role, context)
        if kept is not None:
            nb.cells.append(kept)
    for i, cell in enumerate(nb.cells):  # stable ids: a rebuild is byte-identical
        cell["id"] = hashlib.sha256(f"{name}/{lang}/{role}/{i}".encode()).hexdigest()[:16]
    return nb


def _cell(cell: nbformat.NotebookNode, lang: str, role: str, context: dict) -> nbformat.NotebookNode | None:
    meta = dict(cell.get("metadata", {}))
    tags = list(meta.pop("tags", []))
    cell_lang = meta.pop("lang", None)
    if cell_lang is not None and cell_lang != lang:
        return None
    if "solution" in tags and role != "facilitator":
        return None
    if "facilitator" in tags and role == "participant":
        return None
    source = cell.source
    if cell.cell_type == "markdown":
        source = _fill(source, context)
        out = nbformat.v4.new_markdown_cell(source)
    else:
        source = SOLUTION.sub("", source) if role != "facilitator" else MARKER.sub("", source)
        if "parameters" in tags:
            source = PARAMETER_LANG.sub(f'lang: str = "{lang}"', source)
        out = nbformat.v4.new_code_cell(source)
    if role == "slides":
        meta["slideshow"] = {"slide_type": _slide_type(cell.cell_type, source, tags)}
    if tags:
        meta["tags"] = tags
    out.metadata = meta
    return out


def _slide_type(kind: str, source: str, tags: list[str]) -> str:
    if {"facilitator", "live"} & set(tags):
        return "notes"
    if {"exercise", "parameters", "solution", "remove-cell"} & set(tags) or (kind == "code" and not tags):
        return "skip"
    if "new-slide" in tags or (kind == "markdown" and source.lstrip().startswith("#")):
        return "slide"
    return "-"


def _fill(markdown: str, context: dict) -> str:
    if "{{" not in markdown and "{%" not in markdown:
        return markdown
    from jinja2 import Environment, StrictUndefined

    env = Environment(undefined=StrictUndefined, keep_trailing_newline=True, autoescape=False)
    return env.from_string(markdown).render(**context)


def _context(lang: str) -> dict[str, Any]:
    """Programme data the sources may quote, already in ``lang``."""
    import functools

    from pnpm_lib import cycle, fmt, funding, program
    from pnpm_lib.i18n import t

    formatter = {name: functools.partial(getattr(fmt, name), lang=lang)
                 for name in ("decimal", "integer", "percent", "share", "rupiah", "rupiah_compact", "month", "join")}
    return {"program": _Localised(program, lang), "cycle": _Localised(cycle, lang),
            "funding": _Localised(funding, lang), "fmt": _Namespace(formatter),
            "t": functools.partial(t, lang=lang), "lang": lang}


class _Namespace:
    def __init__(self, items: dict[str, Any]) -> None:
        self.__dict__.update(items)


class _Localised:
    """Attribute access that turns every bilingual ``Text`` into its ``lang`` string, recursively."""

    def __init__(self, target: object, lang: str) -> None:
        self._target, self._lang = target, lang

    def __getattr__(self, name: str) -> Any:
        return _localise(getattr(self._target, name), self._lang)


def _localise(value: Any, lang: str) -> Any:
    from pnpm_lib.program import Text

    if isinstance(value, Text):
        return value(lang)
    if isinstance(value, (tuple, list)):
        return [_localise(v, lang) for v in value]
    if isinstance(value, dict):
        return {k: _localise(v, lang) for k, v in value.items()}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return _Localised(value, lang)
    return value


def title(nb: nbformat.NotebookNode) -> str:
    """The edition's title: its first level-1 heading (what a browser tab and an index should show)."""
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return nb.metadata.get("pnpm", {}).get("source", "")


def dumps(nb: nbformat.NotebookNode) -> str:
    """The committed form of an edition: validated, no outputs, stable JSON."""
    nbformat.validate(nb)
    return json.dumps(nb, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def build_all(root: Path, facilitator_out: Path | None = None, langs: tuple[str, ...] = LANGS) -> list[Path]:
    """Write every participant edition (and, given a folder, every facilitator edition)."""
    from pnpm_lib.atomic import write_atomic

    written = []
    for source_path, lang, role, path in _targets(root, facilitator_out, langs):
        nb = edition(read_source(source_path), lang, role, source_path.stem)
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, dumps(nb))
        written.append(path)
    return written


def _targets(root: Path, facilitator_out: Path | None, langs: tuple[str, ...]) -> Iterator[tuple[Path, str, str, Path]]:
    for source_path in sources(root):
        for lang in langs:
            yield source_path, lang, "participant", participant_path(root, source_path, lang)
            if facilitator_out is not None:
                yield source_path, lang, "facilitator", facilitator_path(facilitator_out, source_path, lang)


def drift(root: Path) -> list[str]:
    """Committed participant editions that differ from a fresh build, or that have no source."""
    problems = []
    for source_path, lang, role, path in _targets(root, None, LANGS):
        fresh = dumps(edition(read_source(source_path), lang, role, source_path.stem))
        if not path.exists():
            problems.append(f"{path.relative_to(root)}: missing; run `pnpm-mandiri notebooks build`")
        elif path.read_text(encoding="utf-8") != fresh:
            problems.append(f"{path.relative_to(root)}: differs from {source_path.relative_to(root)}; "
                            "edit the source and run `pnpm-mandiri notebooks build`")
    names = {s.stem for s in sources(root)}
    for lang in LANGS:
        for path in sorted((root / "notebooks" / lang).glob("*.ipynb")):
            if path.stem not in names:
                problems.append(f"{path.relative_to(root)}: no source in notebooks/source/")
    return problems
