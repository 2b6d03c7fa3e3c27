"""Reproducibility package: one folder a verifier can re-run, in the shape the World Bank's
reproducibility verification asks for (README with a data availability statement and run
instructions, one master script, the exact environment, the inputs or their hashes, the outputs).

``build(config, folder)`` renders the config's briefs into ``folder/outputs`` and writes:

- ``README.md``: what the package reproduces, data availability, requirements, how to run, a list of
  the outputs with their hashes;
- ``run.py``: the master script (``python run.py [OUTPUT_DIR]``), which runs the batch from
  ``config.yml``;
- ``requirements.txt``: the exact versions of the toolkit's dependency closure in this
  environment; ``code/``: the toolkit's source as it ran (``pnpm_lib/``, its shipped ``datasets/``
  and default ``config/``), put first on the path by ``run.py``;
- ``config.yml``, ``templates/``, ``inputs/``: the config with every path made relative to the
  package, the notebook templates it uses and the user's data files (none for synthetic data:
  the generator and its seed are the data);
- ``MANIFEST.json``: SHA-256 of every input, template, code and output file, and the platform.

``verify(folder)`` installs ``requirements.txt`` into a fresh virtual environment (or, ``offline``,
uses this interpreter after checking its packages are exactly the pinned ones), re-runs ``run.py``
(always with the packaged code) into a temporary folder and compares every value of every
``results.json`` with the packaged one — exactly, not within a tolerance.
"""

from __future__ import annotations

import hashlib
import json
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

import yaml

from pnpm_lib.errors import ParameterError

DISTRIBUTION = "pnpm-mandiri-toolkit"
MASTER = '''"""Master script: re-runs every brief of this reproducibility package.

    python run.py [OUTPUT_DIR]     (default: outputs/, overwriting the packaged outputs)

Needs the packages in requirements.txt (see README.md); the toolkit itself is code/, put first on
the path here (and in every notebook kernel) so this package's code runs, whatever else is installed.
"""
import os
import subprocess
import sys
from pathlib import Path

here = Path(__file__).resolve().parent
out = Path(sys.argv[1]) if len(sys.argv) > 1 else here / "outputs"
env = {**os.environ, "PYTHONPATH": str(here / "code"), "PNPM_MANDIRI_DATASETS": str(here / "code" / "datasets")}
sys.exit(subprocess.call([sys.executable, "-m", "pnpm_lib", "briefs", "run", str(here / "config.yml"),
                          "--output-dir", str(out), "--force", "--engine", "papermill"], env=env))
'''


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def closure(name: str = DISTRIBUTION) -> dict[str, str]:
    """Installed version of every distribution ``name`` needs (base requirements, recursively)."""
    from packaging.requirements import Requirement
    from packaging.utils import canonicalize_name

    seen: dict[str, str] = {}
    todo = [name]
    while todo:
        dist = metadata.distribution(todo.pop())
        for spec in dist.requires or []:
            req = Requirement(spec)
            if req.marker is not None and not req.marker.evaluate({"extra": ""}):
                continue
            key = canonicalize_name(req.name)
            if key in seen or key == canonicalize_name(name):
                continue
            try:
                seen[key] = metadata.version(req.name)
            except metadata.PackageNotFoundError:
                continue  # an optional platform dependency not installed here
            todo.append(req.name)
    return dict(sorted(seen.items()))


def build(config_path: Path, folder: Path, source: Path | None = None, include_data: bool = False) -> Path:
    """Write the reproducibility package of ``config_path`` into the new folder ``folder``.

    The user's data files are read from ``inputs/`` while the package is built and stay there only with
    ``include_data``: survey microdata are not shared by default (their names and hashes are listed, so a
    verifier who obtains them can check they are the same files).
    """
    from pnpm_lib.briefs.config import load_config
    from pnpm_lib.briefs.runner import PATH_PARAMETERS, template_for

    config_path = config_path.resolve()
    if folder.exists() and any(folder.iterdir()):
        raise ParameterError(f"{folder}: the package folder must be new or empty")
    source = source or Path(__file__).resolve().parents[1]
    if not (source / "pyproject.toml").is_file():
        raise ParameterError(f"a package needs the toolkit's source tree (pyproject.toml) to ship its code; "
                             f"not found in {source}")
    config = load_config(config_path)
    root = config_path.parent
    folder.mkdir(parents=True, exist_ok=True)
    raw = yaml.safe_load(config_path.read_text(encoding="utf-8"))
    inputs = _copy_inputs(raw, root, folder, PATH_PARAMETERS)
    langs = sorted({str({**config.parameters, **r}.get("lang", "id")) for r in config.regions})
    templates = []
    for lang in langs:
        template = template_for(config, root, lang)
        target = folder / "templates" / lang / template.name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(template, target)
        templates.append(target)
    raw["template"] = f"templates/{{lang}}/{Path(str(config.template)).name}"
    raw["output_dir"] = "outputs"
    (folder / "config.yml").write_text(yaml.safe_dump(raw, allow_unicode=True, sort_keys=False), encoding="utf-8")
    (folder / "run.py").write_text(MASTER, encoding="utf-8")
    pins = closure()
    (folder / "requirements.txt").write_text("".join(f"{n}=={v}\n" for n, v in pins.items()), encoding="utf-8")
    code_files = _copy_code(source, folder / "code")
    started = time.perf_counter()
    code = subprocess.call([sys.executable, str(folder / "run.py")], cwd=folder)
    seconds = time.perf_counter() - started
    if code != 0:
        raise ParameterError(f"the analysis failed while building the package (exit {code}); see "
                             f"{folder / 'outputs' / 'run.log'}")
    outputs = sorted(p for p in (folder / "outputs").rglob("*") if p.is_file() and p.suffix in (".html", ".json"))
    manifest = {"python": platform.python_version(), "platform": platform.platform(),
                "run_seconds": round(seconds, 1), "data_included": include_data or not inputs,
                "files": {str(p.relative_to(folder)): _sha256(p) for p in [*inputs, *templates, *code_files, *outputs]}}
    (folder / "MANIFEST.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    (folder / "README.md").write_text(_readme(config_path.name, raw, inputs, pins, manifest, folder, include_data),
                                      encoding="utf-8")
    if not include_data:
        for path in inputs:
            path.unlink()
    return folder


def _copy_inputs(raw: dict, root: Path, folder: Path, names: tuple[str, ...]) -> list[Path]:
    """Copy every data file the config names into inputs/ and point the config at the copies."""
    copied: dict[Path, Path] = {}
    for block in [raw.get("parameters") or {}, *(raw.get("regions") or [])]:
        for name in names:
            value = block.get(name)
            if not isinstance(value, str) or not value:
                continue
            file, _, sheet = value.partition("#")
            original = (root / file).resolve()
            if not original.is_file():
                raise ParameterError(f"{name}: {original} does not exist")
            target = copied.get(original)
            if target is None:
                target = folder / "inputs" / original.name
                if target.exists():
                    target = folder / "inputs" / f"{len(copied)}_{original.name}"
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(original, target)
                copied[original] = target
            block[name] = str(target.relative_to(folder)) + (f"#{sheet}" if sheet else "")
    return list(copied.values())


def _copy_code(source: Path, target: Path) -> list[Path]:
    """The toolkit as it runs: its package, shipped datasets, default configs and licence files."""
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    shutil.copytree(source / "pnpm_lib", target / "pnpm_lib", ignore=ignore)
    shutil.copytree(source / "datasets", target / "datasets", ignore=ignore)
    (target / "config").mkdir(parents=True)
    shutil.copy2(source / "config" / "indicators.yml", target / "config" / "indicators.yml")
    for name in ("pyproject.toml", "LICENSE"):
        if (source / name).is_file():
            shutil.copy2(source / name, target / name)
    return sorted(p for p in target.rglob("*") if p.is_file())


def _readme(config_name: str, raw: dict, inputs: list[Path], pins: dict[str, str], manifest: dict,
            folder: Path, include_data: bool) -> str:
    synthetic = not inputs
    if synthetic:
        seed = (raw.get("parameters") or {}).get("seed", "the default")
        availability = (f"All data are **synthetic**: generated by `pnpm_lib.synth.make_panel(seed={seed})` inside the "
                        "toolkit (the wheel in `code/`). No external data are used and nothing needs to be "
                        "requested; the generator and its seed are the data.")
    else:
        listed = "\n".join(f"- `{p.relative_to(folder)}` (SHA-256 `{manifest['files'][str(p.relative_to(folder))]}`)"
                           for p in inputs)
        availability = ("The analysis uses the data files below, copied into `inputs/` as they were read "
                        "(`--include-data`). They are the depositor's survey extracts: before sharing this "
                        "package, confirm that their licence and the respondents' consent allow redistribution; "
                        "if not, remove them and state here where and how a verifier can obtain them (the "
                        f"hashes identify the exact files).\n\n{listed}") if include_data else (
                        "The analysis uses the data files below. They are the depositor's survey extracts and "
                        "are **not included** in this package (it was built without `--include-data`): ask the "
                        "depositor for them, place each at the path shown, and check its SHA-256 before running "
                        f"`run.py`.\n\n{listed}")
    outputs = "\n".join(f"- `{k}` — `{v[:16]}…`" for k, v in manifest["files"].items() if k.startswith("outputs/"))
    return f"""# Reproducibility package

Produced by the PNPM Mandiri toolkit from `{config_name}`. It re-creates every output listed below
from the inputs, code and environment in this folder.

## Data availability statement

{availability}

## Computational requirements

- Python {manifest['python']} (built on {manifest['platform']}); any recent Linux or macOS machine.
- The exact packages in `requirements.txt` ({len(pins)} packages, the toolkit's full dependency
  closure); the toolkit itself is the source in `code/` (`run.py` puts it first on the path).
- Running time when the package was built: about {manifest['run_seconds']} s on one machine; memory
  under 2 GB. No internet access is needed once the packages are installed.

## Instructions

```bash
python -m venv .venv
.venv/bin/pip install -r requirements.txt
.venv/bin/python run.py            # one master script: re-renders outputs/
```

Or let the toolkit do it and compare the numbers: `pnpm-mandiri package --verify .`

## Contents

- `run.py` — the master script; `config.yml` — what is rendered (paths relative to this folder).
- `templates/` — the notebooks; `code/` — the toolkit's source, shipped datasets and default
  configs; `inputs/` — the data files (if any).
- `outputs/` — the briefs (HTML) and their numbers (`*.results.json`), as packaged:
{outputs}
- `MANIFEST.json` — SHA-256 of every file above.
"""


@dataclass
class Verification:
    compared: int = 0  # numeric and text values compared
    files: int = 0
    differences: list[str] = field(default_factory=list)


def verify(folder: Path, offline: bool = False) -> Verification:
    """Re-run the package in a fresh environment and compare every results.json value exactly."""
    folder = folder.resolve()
    for required in ("run.py", "requirements.txt", "MANIFEST.json", "config.yml"):
        if not (folder / required).is_file():
            raise ParameterError(f"{folder}: not a reproducibility package ({required} is missing)")
    with tempfile.TemporaryDirectory(prefix="pnpm-verify-") as tmp:
        work = Path(tmp)
        python = _offline_python(folder) if offline else _fresh_python(folder, work)
        code = subprocess.call([python, str(folder / "run.py"), str(work / "outputs")], env=_environment())
        if code != 0:
            raise ParameterError(f"the re-run failed (exit {code}); see {work / 'outputs' / 'run.log'}")
        return _compare(folder / "outputs", work / "outputs")


def _fresh_python(folder: Path, work: Path) -> str:
    subprocess.run([sys.executable, "-m", "venv", str(work / "venv")], check=True)
    pip = [str(work / "venv" / "bin" / "python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    subprocess.run([*pip, "-r", str(folder / "requirements.txt")], check=True)
    return str(work / "venv" / "bin" / "python")


def _offline_python(folder: Path) -> str:
    """This interpreter, once every pinned package is installed here at exactly its pinned version."""
    wrong = []
    for line in (folder / "requirements.txt").read_text(encoding="utf-8").split():
        name, _, version = line.partition("==")
        try:
            installed = metadata.version(name)
        except metadata.PackageNotFoundError:
            installed = "missing"
        if installed != version:
            wrong.append(f"{name} {installed} (pinned {version})")
    if wrong:
        raise ParameterError("offline verification needs the pinned packages installed here; differs: "
                             + ", ".join(wrong[:10]))
    return sys.executable


def _environment() -> dict[str, str]:
    """This environment without its Python path or virtual environment: run.py sets the path itself."""
    import os

    return {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "PNPM_MANDIRI_DATASETS")}


def _compare(expected_dir: Path, actual_dir: Path) -> Verification:
    result = Verification()
    for expected in sorted(expected_dir.rglob("*.results.json")):
        actual = actual_dir / expected.relative_to(expected_dir)
        result.files += 1
        if not actual.is_file():
            result.differences.append(f"{expected.name}: not produced by the re-run")
            continue
        want = json.loads(expected.read_text(encoding="utf-8"))["results"]
        got = json.loads(actual.read_text(encoding="utf-8"))["results"]
        if len(want) != len(got):
            result.differences.append(f"{expected.name}: {len(want)} records packaged, {len(got)} re-run")
            continue
        for i, (a, b) in enumerate(zip(want, got, strict=True)):
            for key in sorted(set(a) | set(b)):
                result.compared += 1
                if a.get(key) != b.get(key):
                    result.differences.append(f"{expected.name} record {i} ({a.get('outcome')}, "
                                              f"{a.get('subgroup')}) {key}: {a.get(key)!r} → {b.get(key)!r}")
    if result.files == 0:
        result.differences.append("the package has no results.json to compare")
    return result
