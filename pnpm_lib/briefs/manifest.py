"""What a batch did, for people and for schedulers: manifest.json, manifest.csv and index.html.

Every brief's record carries the hashes of what produced it (template,
parameters, input data, toolkit code). A later run compares them to decide
what is unchanged and can be skipped, and ``--only-failed`` reads the failures
from the last manifest. All files are written atomically.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path

from pnpm_lib.atomic import write_atomic

STATUSES = ("ok", "skipped", "failed")
CSV_FIELDS = ("region", "status", "last_status", "rendered_at", "duration_s", "attempts", "error_name",
              "error_message", "html", "ipynb", "template_hash", "parameters_hash", "data_hash", "toolkit_hash",
              "html_bytes")


@dataclass
class Result:
    region: str
    status: str
    duration_s: float
    html: str | None
    ipynb: str | None
    attempts: int
    error_name: str | None = None
    error_message: str | None = None
    hashes: dict[str, str] = field(default_factory=dict)
    rendered_at: str = field(default_factory=lambda: datetime.now(UTC).isoformat(timespec="seconds"))
    last_status: str = ""  # what the last real render gave (ok/failed); kept when a brief is skipped

    def __post_init__(self) -> None:
        if not self.last_status:
            self.last_status = self.status

    @property
    def key(self) -> str:
        return "-".join(self.hashes[k] for k in sorted(self.hashes))


def digest(*parts: bytes | str) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(part.encode() if isinstance(part, str) else part)
        h.update(b"\0")
    return h.hexdigest()[:12]


def file_hash(path: Path) -> str:
    """The file's content hash, read once per version of the file (many briefs share one data file)."""
    stat = Path(path).stat()
    return _content_hash(str(Path(path).resolve()), stat.st_size, stat.st_mtime_ns)


@lru_cache(maxsize=256)
def _content_hash(path: str, _size: int, _mtime_ns: int) -> str:
    return digest(Path(path).read_bytes())


def parameters_hash(parameters: dict) -> str:
    return digest(json.dumps(parameters, sort_keys=True, default=str))


def input_files(parameters: dict, cwd: Path) -> list[Path]:
    """Parameters that name an existing file (a user's data or framework): their content is an input."""
    from pnpm_lib.datasets import split_sheet

    files = []
    for value in parameters.values():
        if isinstance(value, str) and value and len(value) < 4096:
            file, _ = split_sheet(value)
            path = file if file.is_absolute() else cwd / file
            try:
                if path.is_file():
                    files.append(path)
            except OSError:  # a value too long to be a file name (a region code, a title): not a file
                continue
    return files


def toolkit_hash() -> str:
    """The library's code, HTML templates and default framework: a change re-renders every brief."""
    package = Path(__file__).resolve().parents[1]
    files = (sorted(package.rglob("*.py")) + sorted((package / "templates").rglob("*.*"))
             + sorted((package.parent / "config").glob("indicators*.yml")))
    return digest(*(p.read_bytes() for p in files if p.is_file()))


JOURNAL = "journal.jsonl"


def read_previous(out: Path) -> dict[str, dict]:
    """Records of earlier runs in ``out`` by region: the manifest, then the journal of a run that was stopped
    before it could write one (each finished brief is journalled as it finishes)."""
    records: dict[str, dict] = {}
    try:
        manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
        records = {str(r["region"]): r for r in manifest["briefs"]}
    except (OSError, ValueError, KeyError, TypeError):
        pass
    try:
        lines = (out / JOURNAL).read_text(encoding="utf-8").splitlines()
    except OSError:
        lines = []
    for line in lines:
        try:
            record = json.loads(line)
            records[str(record["region"])] = record
        except (ValueError, KeyError, TypeError):
            continue  # a line cut by a crash
    return records


def journal(result: Result, out: Path) -> None:
    """Append one finished brief to the journal and flush it to disk (survives SIGKILL of the runner)."""
    with (out / JOURNAL).open("a", encoding="utf-8") as f:
        f.write(json.dumps(_record(result, out), ensure_ascii=False) + "\n")
        f.flush()
        os.fsync(f.fileno())


def unchanged(previous: dict | None, hashes: dict[str, str], out: Path) -> bool:
    """True when the last run rendered this brief from identical inputs and its HTML is still there."""
    return bool(previous and previous.get("status") in ("ok", "skipped") and previous.get("hashes") == hashes
                and previous.get("html") and (out / previous["html"]).is_file())


def carried(previous: dict, out: Path, status: str) -> Result:
    """A previous record brought into this run's manifest (skipped as unchanged, or not re-run)."""
    paths = {k: str(out / previous[k]) if previous.get(k) else None for k in ("html", "ipynb")}
    return Result(previous["region"], status, 0.0, paths["html"], paths["ipynb"], 0,
                  previous.get("error_name"), previous.get("error_message"), previous.get("hashes", {}),
                  previous.get("rendered_at", ""), previous.get("last_status") or previous["status"])


def write(results: list[Result], out: Path, meta: dict) -> Path:
    """manifest.json (run metadata + one record per brief) and the same records as manifest.csv."""
    records = [_record(r, out) for r in results]
    counts = {s: sum(r.status == s for r in results) for s in STATUSES}
    payload = {**meta, "counts": counts, "briefs": records}
    write_atomic(out / "manifest.json", json.dumps(payload, indent=2, ensure_ascii=False))
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, CSV_FIELDS, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for record in records:
        writer.writerow({**record, **{f"{k}_hash": v for k, v in record["hashes"].items()}})
    write_atomic(out / "manifest.csv", buffer.getvalue())
    (out / JOURNAL).unlink(missing_ok=True)  # the manifest now holds every record
    return out / "manifest.json"


def _record(result: Result, out: Path) -> dict:
    record = asdict(result)
    for key in ("html", "ipynb"):
        if record[key]:
            record[key] = os.path.relpath(record[key], out)
    record["duration_s"] = round(record["duration_s"], 3)
    html = out / record["html"] if record["html"] else None
    record["html_bytes"] = html.stat().st_size if html and html.is_file() else None
    return record


def write_index(results: list[Result], out: Path, labels: dict[str, str], lang: str, title: str,
                running: tuple[int, int] | None = None) -> Path:
    """index.html: the catalogue of briefs (``pnpm_lib.briefs.catalogue``); ``running`` = (done, total) mid-run."""
    from pnpm_lib.briefs.catalogue import index_page

    write_atomic(out / "index.html", index_page(results, out, labels, lang, title, running))
    return out / "index.html"
