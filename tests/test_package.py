"""The reproducibility package: layout, data statement, hashes, and a verification that catches a change."""

import json
import shutil
from pathlib import Path

import pytest
import yaml

from pnpm_lib import package
from pnpm_lib.errors import ParameterError

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("package")
    config = tmp / "eval.yml"
    config.write_text(yaml.safe_dump({
        "template": str(ROOT / "notebooks" / "{lang}" / "03_evaluasi_dampak.ipynb"), "output_dir": "out",
        "region_parameter": "region", "parameters": {"lang": "en", "data_path": "", "seed": 2007},
        "regions": [{"region": "33"}]}), encoding="utf-8")
    return package.build(config, tmp / "pkg")


def test_layout_and_readme(built):
    for name in ("README.md", "run.py", "requirements.txt", "config.yml", "MANIFEST.json",
                 "code/pnpm_lib/__init__.py", "code/datasets", "templates/en/03_evaluasi_dampak.ipynb"):
        assert (built / name).exists(), name
    readme = (built / "README.md").read_text(encoding="utf-8")
    assert "## Data availability statement" in readme and "synthetic" in readme and "seed=2007" in readme
    assert "python run.py" in readme
    pins = (built / "requirements.txt").read_text(encoding="utf-8").split()
    assert any(p.startswith("pyfixest==") for p in pins) and all("==" in p for p in pins)
    config = yaml.safe_load((built / "config.yml").read_text(encoding="utf-8"))
    assert config["template"] == "templates/{lang}/03_evaluasi_dampak.ipynb" and config["output_dir"] == "outputs"


def test_manifest_hashes_every_output(built):
    manifest = json.loads((built / "MANIFEST.json").read_text(encoding="utf-8"))
    outputs = [k for k in manifest["files"] if k.startswith("outputs/")]
    assert any(k.endswith(".results.json") for k in outputs) and any(k.endswith(".html") for k in outputs)
    for name, digest in manifest["files"].items():
        assert package._sha256(built / name) == digest


@pytest.mark.slow  # make test-all: a fresh venv and a second full run (about 100 s)
def test_verify_reproduces_exactly_and_catches_a_change(built, tmp_path):
    result = package.verify(built, offline=True)
    assert result.files == 1 and result.compared > 500 and result.differences == []
    changed = tmp_path / "changed"
    shutil.copytree(built, changed)
    target = changed / "code" / "pnpm_lib" / "evaluation" / "did.py"
    target.write_text(target.read_text(encoding="utf-8").replace('"2x2 DiD, OLS, CRV1"', '"2x2 DiD (changed)"'),
                      encoding="utf-8")
    changed_result = package.verify(changed, offline=True)
    assert changed_result.differences and all("estimator" in d for d in changed_result.differences)


def test_user_files_are_listed_and_shipped_only_when_asked(tmp_path, full):
    """A user's file is listed with its hash and not shipped; with --include-data it goes into inputs/ and the
    statement asks about redistribution (that second build under make test-all)."""
    from pnpm_lib import synth

    hh = synth.make_panel(seed=5).households
    data = tmp_path / "extract.csv"
    hh.to_csv(data, index=False)
    config = tmp_path / "eval.yml"
    config.write_text(yaml.safe_dump({
        "template": str(ROOT / "notebooks" / "{lang}" / "03_evaluasi_dampak.ipynb"), "output_dir": "out",
        "region_parameter": "region", "parameters": {"lang": "id", "data_path": "extract.csv"},
        "regions": [{"region": "all"}]}), encoding="utf-8")
    private = package.build(config, tmp_path / "pkg-private")  # #27: the survey is shipped only when asked
    assert not (private / "inputs" / "extract.csv").exists()
    assert yaml.safe_load((private / "config.yml").read_text())["parameters"]["data_path"] == "inputs/extract.csv"
    readme = (private / "README.md").read_text(encoding="utf-8")
    assert "not included" in readme and "inputs/extract.csv" in readme and package._sha256(data) in readme
    assert json.loads((private / "MANIFEST.json").read_text())["data_included"] is False
    if full:
        built = package.build(config, tmp_path / "pkg", include_data=True)
        assert (built / "inputs" / "extract.csv").read_bytes() == data.read_bytes()
        readme = (built / "README.md").read_text(encoding="utf-8")
        assert "inputs/extract.csv" in readme and package._sha256(data) in readme and "redistribution" in readme


def test_refusals(tmp_path):
    occupied = tmp_path / "occupied"
    occupied.mkdir()
    (occupied / "x").write_text("x")
    with pytest.raises(ParameterError, match="new or empty"):
        package.build(ROOT / "config" / "evaluation.yml", occupied)
    with pytest.raises(ParameterError, match="not a reproducibility package"):
        package.verify(tmp_path)


def test_kernels_get_a_fixed_hash_seed(tmp_path):
    """pyfixest iterates a set of fixed-effect names: without a fixed seed an event study's SEs vary in the
    8th digit between runs. Every kernel of a run (and the fork server) inherits PYTHONHASHSEED=0."""
    import os
    import tempfile

    from pnpm_lib.briefs import stop

    before, folder = os.environ.get("PYTHONHASHSEED"), tempfile.gettempdir()
    with stop.kernel_environment(tmp_path):
        assert os.environ["PYTHONHASHSEED"] == stop.KERNEL_HASH_SEED
        assert tempfile.gettempdir() == os.environ["TMPDIR"] == str(tmp_path / "tmp")  # connection files
    assert os.environ.get("PYTHONHASHSEED") == before and tempfile.gettempdir() == folder
