"""Command line: ``pnpm-mandiri …`` or ``python -m pnpm_lib …``.

Errors the toolkit expects (bad config, bad parameters, bad data) are printed as
one readable message without a traceback, with exit code 2; a batch in which
any brief failed exits 1, so cron and Airflow see it.
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

from pnpm_lib.errors import PnpmError

EXIT_OK, EXIT_FAILED_BRIEFS, EXIT_USAGE = 0, 1, 2  # 1 also = data check found problems


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="pnpm-mandiri",
        description="PNPM Mandiri toolkit (the Indonesian programme, not the JavaScript pnpm).",
    )
    sub = parser.add_subparsers(dest="group", required=True)

    briefs = sub.add_parser("briefs", help="render and inspect briefs").add_subparsers(
        dest="command", required=True)
    run = briefs.add_parser("run", help="render one brief per region listed in CONFIG")
    run.add_argument("config", type=Path, help="YAML batch config, e.g. config/briefs.yml")
    run.add_argument("--workers", type=int, default=None, help="parallel briefs (default: CPU count)")
    run.add_argument("--lang", choices=("id", "en"), default=None, help="override the config's lang")
    run.add_argument("--output-dir", type=Path, default=None, help="override the config's output_dir")
    params = briefs.add_parser("params", help="list a template's parameters")
    params.add_argument("template", type=Path)

    data = sub.add_parser("data", help="shipped datasets").add_subparsers(dest="command", required=True)
    data.add_parser("list", help="list shipped datasets with their sources")
    check = data.add_parser("check", help="validate a user's extract (.csv .xlsx .dta .sav .parquet)")
    check.add_argument("file", type=Path)
    check.add_argument("--table", choices=("households", "villages", "regions"), default=None,
                       help="which table the file holds (default: guessed from its columns)")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return _dispatch(args)
    except PnpmError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


def _dispatch(args: argparse.Namespace) -> int:
    if args.group == "briefs" and args.command == "run":
        return briefs_run(args.config, args.workers, args.lang, args.output_dir)
    if args.group == "briefs" and args.command == "params":
        return briefs_params(args.template)
    if args.group == "data" and args.command == "list":
        return data_list()
    if args.group == "data" and args.command == "check":
        return data_check(args.file, args.table)
    raise AssertionError("unreachable: argparse enforces the commands")


def briefs_run(config_path: Path, workers: int | None, lang: str | None, output_dir: Path | None) -> int:
    """Validate everything, render every brief, then write manifest.json and index.html."""
    from pnpm_lib import __version__, datasets
    from pnpm_lib.briefs import runner
    from pnpm_lib.briefs.config import load_config

    config = load_config(config_path)
    if output_dir is not None:
        config = config.model_copy(update={"output_dir": output_dir.resolve()})
    root = config_path.resolve().parent
    jobs = runner.plan(config, root, lang)  # raises before any kernel starts
    out = (root / config.output_dir).resolve()
    started = datetime.now(timezone.utc)
    t0 = time.perf_counter()
    out.mkdir(parents=True, exist_ok=True)
    log_file = out / "run.log"
    runner.log(f"rendering {len(jobs)} briefs into {out} (log: {log_file})")
    results = runner.run(jobs, workers, progress=runner.log, log_file=log_file)
    brief_lang = lang or str(config.parameters.get("lang", "id"))
    meta = {
        "toolkit_version": __version__,
        "config": str(config_path),
        "template": str(config.template),
        "template_hash": runner.file_hash(Path(jobs[0].template)),
        "data_hash": datasets.data_hash(),
        "lang": brief_lang,
        "started_utc": started.isoformat(timespec="seconds"),
        "wall_s": round(time.perf_counter() - t0, 2),
    }
    runner.write_manifest(results, out, meta)
    labels = _region_labels(config.region_parameter)
    runner.write_index(results, out, labels, brief_lang, config.title)
    failed = [r for r in results if r.status != "ok"]
    runner.log(f"{len(results) - len(failed)} ok, {len(failed)} failed in {meta['wall_s']} s; "
               f"see {out / 'manifest.json'}")
    return EXIT_FAILED_BRIEFS if failed else EXIT_OK


def _region_labels(region_parameter: str) -> dict[str, str]:
    if region_parameter != "province":
        return {}
    from pnpm_lib.datasets import province_names

    return {code: f"{code} {name}" for code, name in province_names().items()}


def briefs_params(template: Path) -> int:
    from pnpm_lib.briefs.params import template_parameters

    for name, p in template_parameters(template.resolve()).items():
        print(f"{name}: {p['inferred_type_name']} = {p['default']}  # {p['help']}")
    return EXIT_OK


def data_list() -> int:
    from pnpm_lib import datasets

    for name, spec in datasets.SHIPPED.items():
        df = datasets.load(name)
        conf = ", ".join(sorted(df["confidence"].unique()))
        print(f"{name:28} {len(df):3} rows  [{conf}]  {spec.file}: {spec.description}")
    return EXIT_OK


def data_check(file: Path, table: str | None) -> int:
    """Print "ok" or every problem of the file; exit 1 when there are problems."""
    from pnpm_lib import datasets
    from pnpm_lib.errors import DatasetError

    try:
        df = datasets.load_file(file, table)
    except DatasetError as exc:
        print(f"{exc.file}: {len(exc.problems)} problem(s)")
        for problem in exc.problems:
            print(f"  - {problem}")
        return EXIT_FAILED_BRIEFS
    print(f"ok: {file} — {df.attrs['table']} table, {len(df)} rows, read as {df.attrs['read_as']}")
    return EXIT_OK
