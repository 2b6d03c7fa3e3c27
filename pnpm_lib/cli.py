"""Command line: ``pnpm-mandiri …`` or ``python -m pnpm_lib …``.

Errors the toolkit expects (bad config, bad parameters, bad data) are printed as
one readable message without a traceback, with exit code 2; a batch in which
any brief failed exits 1, so cron and Airflow see it.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pnpm_lib.errors import ParameterError, PnpmError

EXIT_OK, EXIT_FAILED_BRIEFS, EXIT_USAGE = 0, 1, 2  # 2 also = data check found problems (bad input, as in briefs run)
# 3: another run holds the output folder (pnpm_lib.briefs.lock); 130/143: stopped by SIGINT/SIGTERM


def _positive(text: str) -> int:
    """argparse type: a whole number ≥ 1 (``--workers 0`` or ``--timeout -5`` is a usage error, exit 2)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, got {value}")
    return value


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
    run.add_argument("--workers", type=_positive, default=None, help="parallel briefs (default: CPU count; twice that with the fork engine)")
    run.add_argument("--lang", choices=("id", "en"), default=None, help="override the config's lang")
    run.add_argument("--output-dir", type=Path, default=None, help="override the config's output_dir")
    run.add_argument("--force", action="store_true", help="re-render briefs whose inputs are unchanged")
    run.add_argument("--only-failed", action="store_true", help="re-render only the failures of the last run")
    run.add_argument("--timeout", type=_positive, default=None, metavar="SECONDS",
                     help="per-brief time budget (default: the config's brief_timeout, 900)")
    run.add_argument("--pdf", action="store_true", help="also typeset each brief as an A4 PDF (Typst; offline, no browser)")
    run.add_argument("--engine", choices=("fork", "papermill"), default="fork",
                     help="fork: fresh kernels forked from a warm server (default); papermill: ordinary kernels")
    run.add_argument("--scheduler", default=None, metavar="ADDRESS",
                     help="run on a Dask cluster (e.g. tcp://10.0.0.5:8786); workers need the shared output path "
                          "and --nthreads 1")
    params = briefs.add_parser("params", help="list a template's parameters")
    params.add_argument("template", type=Path)

    data = sub.add_parser("data", help="shipped datasets").add_subparsers(dest="command", required=True)
    data.add_parser("list", help="list shipped datasets with their sources")
    check = data.add_parser("check", help="validate a user's extract (.csv .xlsx .dta .sav .parquet)")
    check.add_argument("file", type=Path)
    check.add_argument("--table", choices=("households", "villages", "regions"), default=None,
                       help="which table the file holds (default: guessed from its columns)")
    check.add_argument("--sheet", default=None, help="Excel sheet to read (default: the first; or FILE.xlsx#SHEET)")
    template = data.add_parser("template", help="an empty file with the expected columns, described, to fill in")
    template.add_argument("table", choices=("households", "villages"))
    template.add_argument("--format", choices=("xlsx", "csv"), default="xlsx")
    template.add_argument("--lang", choices=("id", "en"), default="id", help="language of the descriptions")
    template.add_argument("--output", type=Path, default=None, help="file to write (default: <table>.<format>)")
    national = data.add_parser("national", help="write the national synthetic panel (7,000 kecamatan) for "
                                                "config/briefs_national.yml")
    national.add_argument("--output-dir", type=Path, default=Path("data/national"))
    national.add_argument("--seed", type=int, default=1)
    slides = sub.add_parser("slides", help="training notebooks as offline reveal.js slides")
    slides.add_argument("--output-dir", type=Path, default=Path("outputs/slides"))
    slides.add_argument("--lang", choices=("id", "en"), action="append", default=None,
                        help="language(s) to build (default: id and en)")
    cards = sub.add_parser("cards", help="what-if cards: BLM, SPP and MAD as offline HTML with sliders")
    cards.add_argument("--output-dir", type=Path, default=Path("outputs/kartu"))
    lab = sub.add_parser("lab", help="open JupyterLab on the workshop notebooks, interface in Bahasa Indonesia")
    lab.add_argument("--lang", choices=("id", "en"), default="id", help="interface and notebooks (default: id)")
    lab.add_argument("--facilitator", action="store_true", help="open the facilitator editions (with solutions)")
    lab.add_argument("--port", type=int, default=8888)
    lab.add_argument("--ip", default="127.0.0.1", help="0.0.0.0 serves the room from this laptop")
    lab.add_argument("--no-browser", action="store_true")
    books = sub.add_parser("notebooks", help="language and reader editions of the notebooks").add_subparsers(
        dest="command", required=True)
    books.add_parser("build", help="write notebooks/<lang>/ and outputs/fasilitator/<lang>/ from notebooks/source/")
    books.add_parser("check", help="fail when a committed edition differs from its source")
    cat = sub.add_parser("i18n", help="the translation catalogues").add_subparsers(dest="command", required=True)
    cat.add_parser("check", help="list stale translations (exit 1 if any)")
    cat.add_parser("update", help="after editing Indonesian texts in id.po: mark stale translations fuzzy")
    pack = sub.add_parser("package", help="a reproducibility package of a config, or --verify one")
    pack.add_argument("target", type=Path, help="CONFIG to package, or with --verify the package FOLDER")
    pack.add_argument("--output-dir", type=Path, default=None, help="package folder (default outputs/package-NAME)")
    pack.add_argument("--include-data", action="store_true",
                      help="ship the config's data files in inputs/ (default: listed with their hashes, not copied)")
    pack.add_argument("--verify", action="store_true", help="re-run FOLDER in a fresh environment and compare")
    pack.add_argument("--offline", action="store_true",
                      help="with --verify: use this interpreter's packages (checked against the pins), no installs")
    proof = sub.add_parser("proofread", help="scan rendered pages for the other language, identifiers, number marks")
    proof.add_argument("pages", type=Path, nargs="+")
    proof.add_argument("--lang", choices=("id", "en"), default=None, help="default: the page's <html lang>")
    return parser


def main(argv: list[str] | None = None) -> int:
    """The exit code; a stopped batch exits at once (its processes are dead, its records written)."""
    import os

    code = _main(argv)
    if code >= 128:  # 130/143: do not let interpreter shutdown join threads of killed workers
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    return code


def _main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    from pnpm_lib.briefs.lock import EXIT_LOCKED, RunLocked

    try:
        return _dispatch(args)
    except RunLocked as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_LOCKED
    except PnpmError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


def _dispatch(args: argparse.Namespace) -> int:
    if args.group == "briefs" and args.command == "run":
        return briefs_run(args.config, args.workers, args.lang, args.output_dir, force=args.force,
                          only_failed=args.only_failed, timeout=args.timeout, pdf=args.pdf,
                          scheduler=args.scheduler, engine=args.engine)
    if args.group == "briefs" and args.command == "params":
        return briefs_params(args.template)
    if args.group == "data" and args.command == "list":
        return data_list()
    if args.group == "data" and args.command == "template":
        from pnpm_lib import datatemplate

        target = args.output or Path(f"{args.table}.{args.format}")
        for path in datatemplate.write(args.table, target.with_suffix(f".{args.format}"), args.lang):
            print(path)
        return EXIT_OK
    if args.group == "data" and args.command == "national":
        from pnpm_lib import synth

        for path in synth.write_national(args.output_dir, args.seed):
            print(path)
        return EXIT_OK
    if args.group == "data" and args.command == "check":
        return data_check(args.file, args.table, args.sheet)
    if args.group == "slides":
        return slides_build(args.output_dir, tuple(args.lang or ("id", "en")))
    if args.group == "cards":
        from pnpm_lib import cards as what_if

        for path in what_if.write(args.output_dir.resolve()):
            print(path)
        return EXIT_OK
    if args.group == "lab":
        return lab(args.lang, args.facilitator, args.port, args.ip, args.no_browser)
    if args.group == "notebooks":
        return notebooks(args.command)
    if args.group == "i18n":
        return catalogues(args.command)
    if args.group == "proofread":
        return proofread_pages(args.pages, args.lang)
    if args.group == "package":
        return package(args.target, args.output_dir, args.verify, args.offline, args.include_data)
    raise AssertionError("unreachable: argparse enforces the commands")


ROOT = Path(__file__).resolve().parents[1]


def lab(lang: str, facilitator: bool, port: int, ip: str, no_browser: bool) -> int:
    """JupyterLab on one language edition with the interface in that language (works as root, no make needed)."""
    import json
    import os

    from pnpm_lib import editions, labpack

    labpack.build()
    settings = Path(sys.prefix) / "share" / "jupyter" / "lab" / "settings" / "overrides.json"
    overrides = json.loads(settings.read_text(encoding="utf-8")) if settings.is_file() else {}
    overrides["@jupyterlab/translation-extension:plugin"] = {"locale": labpack.LOCALE if lang == "id" else "en"}
    overrides["@jupyterlab/apputils-extension:notification"] = {"fetchNews": "false", "checkForUpdates": False}
    settings.parent.mkdir(parents=True, exist_ok=True)
    settings.write_text(json.dumps(overrides, indent=2), encoding="utf-8")
    folder = ROOT / "notebooks" / lang
    if facilitator:
        editions.build_all(ROOT, ROOT / "outputs" / "fasilitator", (lang,))
        folder = ROOT / "outputs" / "fasilitator" / lang
    command = [sys.executable, "-m", "jupyterlab", f"--ServerApp.root_dir={folder}", f"--port={port}", f"--ip={ip}"]
    if no_browser:
        command.append("--no-browser")
    if hasattr(os, "geteuid") and os.geteuid() == 0:  # the usual user in a container
        command.append("--allow-root")
    print(f"JupyterLab: {folder} ({'Bahasa Indonesia' if lang == 'id' else 'English'}), port {port}",
          file=sys.stderr)
    os.execv(sys.executable, command)
    return EXIT_OK  # not reached


def package(target: Path, output_dir: Path | None, check: bool, offline: bool, include_data: bool = False) -> int:
    """Build a reproducibility package, or verify one: exit 1 when any results.json value differs."""
    from pnpm_lib import package as repro

    if check:
        result = repro.verify(target, offline=offline)
        for line in result.differences[:50]:
            print(line)
        verdict = "reproduce exactly" if not result.differences else f"{len(result.differences)} differ"
        print(f"{result.compared:,} values in {result.files} results.json file(s): {verdict}")
        return EXIT_OK if not result.differences else EXIT_FAILED_BRIEFS
    if offline:
        raise ParameterError("--offline goes with --verify")
    folder = output_dir or ROOT / "outputs" / f"package-{target.stem}"
    print(repro.build(target, folder.resolve(), include_data=include_data))
    return EXIT_OK


def notebooks(command: str) -> int:
    from pnpm_lib import editions

    if command == "build":
        for path in editions.build_all(ROOT, ROOT / "outputs" / "fasilitator"):
            print(path.relative_to(ROOT))
        return EXIT_OK
    problems = editions.drift(ROOT)
    for problem in problems:
        print(problem, file=sys.stderr)
    return EXIT_FAILED_BRIEFS if problems else EXIT_OK


def catalogues(command: str) -> int:
    from pnpm_lib import i18n

    problems = i18n.update() if command == "update" else i18n.stale()
    for problem in problems:
        print(problem, file=sys.stderr)
    if command == "update":
        print(f"{len(problems)} translation(s) marked fuzzy: revise them in the PO files", file=sys.stderr)
        return EXIT_OK
    return EXIT_FAILED_BRIEFS if problems else EXIT_OK


def proofread_pages(pages: list[Path], lang: str | None) -> int:
    """Print every hit of every page; exit 1 when any page has one."""
    import re

    from pnpm_lib import proofread

    total = 0
    for page in pages:
        html = page.read_text(encoding="utf-8")
        declared = re.search(r'<html[^>]*\blang="([a-z]+)', html)
        page_lang = lang or (declared[1] if declared else "id")
        hits = proofread.scan(html, page_lang)
        total += len(hits)
        for hit in hits:
            print(f"{page}: {hit}")
    print(f"{total} hit(s) in {len(pages)} page(s)", file=sys.stderr)
    return EXIT_FAILED_BRIEFS if total else EXIT_OK


def slides_build(out: Path, langs: tuple[str, ...]) -> int:
    """Execute each training notebook per language and write offline slides beside local reveal.js."""
    from pnpm_lib import slides

    try:
        written = slides.build(ROOT, out.resolve(), langs)
    except (RuntimeError, OSError) as exc:
        print(f"pnpm-mandiri: {exc}", file=sys.stderr)
        return EXIT_USAGE
    for path in written:
        print(path)
    return EXIT_OK


def briefs_run(config_path: Path, workers: int | None, lang: str | None, output_dir: Path | None, *,
               force: bool = False, only_failed: bool = False, timeout: int | None = None,
               pdf: bool = False, scheduler: str | None = None, engine: str = "fork") -> int:
    """``pnpm-mandiri briefs run``: the batch API with the command line's options."""
    from pnpm_lib.briefs import batch

    return batch.run(config_path, batch.Options(workers, lang, output_dir, force, only_failed, timeout, pdf,
                                                scheduler, engine))


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


SHOWN_PROBLEMS = 50
"""``data check`` lists this many problems, then counts the rest (a wrong file can have thousands)."""


def data_check(file: Path, table: str | None, sheet: str | None = None) -> int:
    """Print "ok" or every problem of the file; exit 2 when there are problems — the code ``briefs run`` gives
    for the same file (bad input, nothing ran), so a scheduler reads both alike."""
    from pnpm_lib import datasets
    from pnpm_lib.errors import DatasetError

    try:
        df = datasets.load_file(file, table, sheet)
    except DatasetError as exc:
        print(f"{exc.file}: {len(exc.problems)} problem(s)")
        for problem in exc.problems[:SHOWN_PROBLEMS]:
            print(f"  - {problem}")
        if len(exc.problems) > SHOWN_PROBLEMS:
            print(f"  … and {len(exc.problems) - SHOWN_PROBLEMS} more")
        return EXIT_USAGE
    print(f"ok: {file} — {df.attrs['table']} table, {len(df)} rows, read as {df.attrs['read_as']}")
    return EXIT_OK
