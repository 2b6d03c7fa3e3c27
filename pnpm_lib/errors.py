"""Typed errors users can catch; the CLI prints them without a traceback."""

from __future__ import annotations

from dataclasses import dataclass


class PnpmError(Exception):
    """Base class of every error the toolkit raises on purpose."""

    def _render_traceback_(self) -> list[str]:
        """What IPython shows for it (JupyterLab, papermill, nbclient alike): one line, type and message.

        IPython calls this hook instead of formatting a traceback; the cell still fails with this
        error's name and message, so papermill and the batch runner report it as before.
        """
        return [f"{type(self).__name__}: {self}"]


@dataclass(frozen=True)
class Problem:
    """One failed rule: where (file, row, column), what value, which rule."""

    file: str
    row: int | None
    column: str | None
    value: object
    rule: str

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += f", row {self.row}"
        if self.column is not None:
            where += f", column {self.column!r}"
        value = "" if self.value is None else f": value {self.value!r}"
        return f"{where}{value} — {self.rule}"


class DatasetError(PnpmError, ValueError):
    """A data file failed validation; ``problems`` lists every failure found."""

    def __init__(self, file: str, problems: list[Problem]):
        self.file = file
        self.problems = problems
        lines = "\n".join(f"  - {p}" for p in problems)
        super().__init__(f"{file}: {len(problems)} problem(s)\n{lines}")


class ParameterError(PnpmError, ValueError):
    """Brief parameters do not match the template (name, type or choice)."""


class ConfigError(PnpmError, ValueError):
    """A run configuration file is malformed."""


class EvaluationError(PnpmError, ValueError):
    """Data cannot support the requested estimate (missing column, one cluster, no variation)."""


class RegionError(EvaluationError):
    """A region code that does not fit its level or names no 2010 province (``pnpm_lib.regions``)."""

