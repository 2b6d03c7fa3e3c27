"""Templates an analyst fills instead of guessing the schema: ``pnpm-mandiri data template``.

An Excel template has a ``data`` sheet with the expected column names (and data
validation for 0/1 columns, shares and counts) and a ``kolom``/``columns`` sheet
that describes each column in the reader's language and in the other one, with
its allowed values; a CSV template is the header row plus a ``.columns.csv``
beside it with the same descriptions. A filled template passes ``data check``.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from pnpm_lib import schemas
from pnpm_lib.atomic import write_atomic
from pnpm_lib.i18n import LANGS, t
from pnpm_lib.regions import CODE_WIDTHS

TABLES = ("households", "villages")


def allowed(column: str, spec: schemas.TableSpec, lang: str) -> str:
    """The rule a column's values must follow, in words (from the same rules ``data check`` applies)."""
    if column in CODE_WIDTHS:
        rule = t("template.rule.code", lang, width=CODE_WIDTHS[column])
    elif column == "household_id":
        rule = t("template.rule.text", lang)
    elif column in schemas._BINARY:
        rule = t("template.rule.binary", lang)
    elif column in schemas._SHARES:
        rule = t("template.rule.share", lang)
    elif column in ("year", "cohort"):
        rule = t("template.rule.year", lang)
    elif column == "round":
        rule = t("template.rule.round", lang)
    elif column == "weight":
        rule = t("template.rule.positive", lang)
    elif column == "household_size":
        rule = t("template.rule.members", lang)
    else:
        rule = t("template.rule.count", lang)
    limits = [t("template.rule.not_above", lang, column=r.large) for r in spec.relations if r.small == column]
    blank = [t("template.rule.blank", lang)] if column in schemas._NULLABLE else []
    return "; ".join([rule, *limits, *blank])


def rows(table: str, lang: str) -> list[dict[str, str]]:
    """One row per column: name, description (both languages), allowed values, key."""
    spec = schemas.TABLES[table]
    other = next(x for x in LANGS if x != lang)
    return [{t("template.col.column", lang): name, t("template.col.description", lang): t(f"column.{name}", lang),
             t("template.col.description_other", lang): t(f"column.{name}", other),
             t("template.col.allowed", lang): allowed(name, spec, lang),
             t("template.col.key", lang): t("template.key", lang) if name in spec.key else ""}
            for name in spec.columns]


def write(table: str, path: Path, lang: str = "id") -> list[Path]:
    """Write the template (``.xlsx`` or ``.csv`` by ``path``'s suffix); returns the files written."""
    if table not in TABLES:
        raise ValueError(f"unknown table {table!r}; choose one of: {', '.join(TABLES)}")
    columns = list(schemas.TABLES[table].columns)
    if path.suffix.lower() == ".xlsx":
        _write_xlsx(table, columns, path, lang)
        return [path]
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow(columns)
    write_atomic(path, buffer.getvalue())
    described = path.with_name(f"{path.stem}.columns.csv")
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, list(rows(table, lang)[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows(table, lang))
    write_atomic(described, buffer.getvalue())
    return [path, described]


def _write_xlsx(table: str, columns: list[str], path: Path, lang: str) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    book = Workbook()
    data = book.active
    data.title = t("template.sheet.data", lang)
    data.append(columns)
    for cell in data[1]:
        cell.font = Font(bold=True)
    for i, name in enumerate(columns, start=1):
        letter = get_column_letter(i)
        data.column_dimensions[letter].width = max(12, len(name) + 2)
        rule = _validation(name, DataValidation)
        if rule is not None:
            rule.error = allowed(name, schemas.TABLES[table], lang)
            rule.showErrorMessage = True
            rule.add(f"{letter}2:{letter}100000")
            data.add_data_validation(rule)
        if name in CODE_WIDTHS or name == "household_id":
            data.column_dimensions[letter].number_format = "@"  # codes as text, so leading zeros survive
    info = book.create_sheet(t("template.sheet.columns", lang))
    described = rows(table, lang)
    info.append(list(described[0]))
    for cell in info[1]:
        cell.font = Font(bold=True)
    for row in described:
        info.append(list(row.values()))
    for letter, width in zip("ABCDE", (24, 60, 60, 40, 30), strict=True):
        info.column_dimensions[letter].width = width
    buffer = io.BytesIO()
    book.save(buffer)
    write_atomic(path, buffer.getvalue())


def _validation(name: str, validation):
    if name in schemas._BINARY:
        return validation(type="list", formula1='"0,1"', allow_blank=True)
    if name in schemas._SHARES:
        return validation(type="decimal", operator="between", formula1="0", formula2="1", allow_blank=True)
    if name in ("year", "cohort"):
        return validation(type="whole", operator="between", formula1="1998", formula2="2030", allow_blank=True)
    if name in CODE_WIDTHS or name == "household_id":
        return None
    return validation(type="decimal", operator="greaterThanOrEqual", formula1="0", allow_blank=True)
