"""The main job end to end, the way a scheduler runs it: the CLI in a subprocess."""

import json
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
import yaml


def _config(tmp_path: Path, root: Path, regions, template=None, **extra) -> Path:
    config = {
        "template": str(template or root / "notebooks" / "brief_provinsi.ipynb"),
        "output_dir": str(tmp_path / "out"),
        "parameters": {"lang": "id"},
        "regions": regions,
        **extra,
    }
    path = tmp_path / "briefs.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True))
    return path


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pnpm_lib", *args],
                          capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def rendered(tmp_path_factory, root=None):
    from tests.conftest import ROOT

    tmp = tmp_path_factory.mktemp("briefs")
    config = _config(tmp, ROOT, [{"province": "94", "lang": "en"}, {"province": "11"}])
    proc = _cli("briefs", "run", str(config), "--workers", "2")
    return proc, tmp / "out"


def test_renders_each_province_with_its_own_figures_and_no_code(rendered):
    proc, out = rendered
    assert proc.returncode == 0, proc.stderr
    papua = (out / "brief-provinsi__province_94__en.html").read_text()
    aceh = (out / "brief-provinsi__province_11__id.html").read_text()
    assert "How poor is Papua" in papua and "36.80%" in papua and "rank 1 of 33" in papua
    assert "Seberapa miskin Aceh" in aceh and "20.98%" in aceh and "7.65 poin persen di atas" in aceh
    for html in (papua, aceh):
        assert html.count("data:image/png;base64,") == 2  # both charts embedded
        assert "jp-InputArea" not in html and "province_facts" not in html and "import " not in html
        assert not re.search(r"""(src|href)=["']https?://""", html)  # opens offline
        assert "Kernel is running" not in html


def test_manifest_index_and_json_figures_are_written(rendered):
    _, out = rendered
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["counts"] == {"ok": 2, "skipped": 0, "failed": 0}
    assert [b["region"] for b in manifest["briefs"]] == ["94", "11"]
    assert all(b["duration_s"] > 0 and b["html"].endswith(".html") for b in manifest["briefs"])
    for brief in manifest["briefs"]:
        assert set(brief["hashes"]) == {"template", "toolkit", "parameters", "data"}
    assert (out / "manifest.csv").read_text().splitlines()[0].startswith("region,status,duration_s")
    index = (out / "index.html").read_text()
    assert 'href="brief-provinsi__province_94__en.html"' in index and "94 Papua" in index
    facts = json.loads((out / "json" / "brief-provinsi__province_94__en.json").read_text())
    assert facts["poverty_rate_pct"] == 36.8 and facts["national_rate_pct"] == 13.33
    executed = nbformat.read(out / "ipynb" / "brief-provinsi__province_94__en.ipynb", as_version=4)
    assert executed.metadata.papermill.parameters["province"] == "94"
    assert not list(out.glob("**/.*.tmp*"))  # no half-written files


@pytest.mark.parametrize(
    ("region", "message"),
    [
        ({"province": "33", "provinsi": "33"}, "unknown parameter 'provinsi'"),
        ({"province": 33}, "must be str, got int 33"),
        ({"province": "99"}, "invalid province '99'; valid choices: 11, 12"),
    ],
)
def test_bad_parameters_fail_before_any_kernel_with_one_line_and_no_output(tmp_path, root, region, message):
    config = _config(tmp_path, root, [{"province": "11"}, region])
    proc = _cli("briefs", "run", str(config))
    assert proc.returncode == 2
    assert message in proc.stderr
    assert "Traceback" not in proc.stderr and len(proc.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "out").exists()


def test_malformed_config_is_reported_without_traceback(tmp_path, root):
    path = tmp_path / "briefs.yml"
    path.write_text("template: x.ipynb\nregions: []\nfoo: 1\n")
    proc = _cli("briefs", "run", str(path))
    assert proc.returncode == 2 and "regions" in proc.stderr and "foo" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_a_failing_brief_fails_alone_and_the_exit_code_says_so(tmp_path, root):
    template = tmp_path / "fragile.ipynb"
    nb = nbformat.v4.new_notebook(metadata={"kernelspec": {"name": "python3", "language": "python",
                                                           "display_name": "Python 3"}})
    params = nbformat.v4.new_code_cell(
        'province: str = "33"  # BPS code\nlang: str = "id"  # language\n'
        'output_dir: str = ""  # output folder')
    params.metadata["tags"] = ["parameters"]
    nb.cells = [params, nbformat.v4.new_code_cell(
        'if province == "11":\n    raise RuntimeError("no data for " + province)\nprint("ok", province)')]
    nbformat.write(nb, template)
    config = _config(tmp_path, root, [{"province": "11"}, {"province": "12"}], template=template)
    proc = _cli("briefs", "run", str(config))
    assert proc.returncode == 1
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text())
    status = {b["region"]: b for b in manifest["briefs"]}
    assert status["12"]["status"] == "ok" and status["12"]["html"]
    assert status["11"]["status"] == "failed" and status["11"]["html"] is None
    assert "no data for 11" in status["11"]["error_message"]
    assert status["11"]["ipynb"]  # the failed notebook is kept for diagnosis
