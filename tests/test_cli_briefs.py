"""The batch job end to end, the way a scheduler runs it: the CLI in a subprocess."""

import json
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
import yaml

from tests.conftest import ROOT

TEMPLATE = ROOT / "notebooks" / "brief_dampak.ipynb"


def _config(tmp_path: Path, regions, template=TEMPLATE, **extra) -> Path:
    config = {"template": str(template), "output_dir": str(tmp_path / "out"), "region_parameter": "region",
              "parameters": {"lang": "id"}, "regions": regions, **extra}
    path = tmp_path / "briefs.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True))
    return path


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pnpm_lib", *args], capture_output=True, text=True,
                          timeout=600, check=False)


def _manifest(out: Path) -> dict:
    return {b["region"]: b for b in json.loads((out / "manifest.json").read_text())["briefs"]}


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("briefs")
    config = _config(tmp, [{"region_level": "province", "region": "33", "lang": "en"},
                           {"region_level": "kabupaten", "region": "3301"},
                           {"region_level": "province", "region": "91"}])
    proc = _cli("briefs", "run", str(config), "--workers", "2")
    return proc, tmp / "out", config


def test_each_region_gets_a_brief_with_the_anatomy_and_no_code(rendered):
    proc, out, _ = rendered
    assert proc.returncode == 0, proc.stderr
    central = (out / "brief-dampak__region_33__en.html").read_text()
    for part in ("Did PNPM Rural raise household welfare in Jawa Tengah Province (33)?", "Key results",
                 "95% interval", "This region: poverty and the programme", "16.56% of Jawa Tengah",
                 "How it was evaluated", "Results table", "Empowerment index", "Caveats", "Policy implications",
                 "SYNTHETIC DATA", "Data sources", "input data hash", "How to read these numbers"):
        assert part in central, part
    assert central.count("<figure class=\"chart\">") == 1  # one chart
    kabupaten = (out / "brief-dampak__region_3301__id.html").read_text()
    assert "Bukan estimasi lokal" in kabupaten and "hanya punya 4 kecamatan" in kabupaten
    assert "kabupaten sintetis 3301" in kabupaten and "Provinsi Jawa Tengah (33)" in kabupaten
    papua_barat = (out / "brief-dampak__region_91__id.html").read_text()
    assert "tidak termasuk dalam sampel survei evaluasi" in papua_barat and "34,88% penduduk" in papua_barat
    assert '<html lang="id">' in papua_barat and '<html lang="en">' in central
    for html in (central, kabupaten, papua_barat):
        assert "jp-InputArea" not in html and "import " not in html and "Kernel is running" not in html
        assert not re.search(r"""(src|href)=["']https?://""", html)  # opens offline
        assert not re.search(r"\b\d{7}\d{3}\b", html), "a desa or household code leaked"


def test_figures_are_machine_readable_and_the_manifest_says_what_produced_them(rendered):
    _, out, _ = rendered
    results = json.loads((out / "brief-dampak__region_33__en.results.json").read_text())
    assert results["meta"]["synthetic"] is True and results["meta"]["evidence"] == "local"
    outcomes = {r["outcome"] for r in results["results"]}
    assert outcomes == {"log_consumption", "poor", "outpatient_visit", "school_transition", "employed"}
    assert all(r["ci_low"] < r["estimate"] < r["ci_high"] for r in results["results"])
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["counts"] == {"ok": 3, "skipped": 0, "failed": 0}
    for brief in manifest["briefs"]:
        assert set(brief["hashes"]) == {"template", "toolkit", "parameters", "data"}
        assert brief["html_bytes"] > 5_000
    assert (out / "manifest.csv").read_text().splitlines()[0].startswith("region,status,last_status,rendered_at,duration_s")
    index = (out / "index.html").read_text()
    assert 'href="brief-dampak__region_33__en.html"' in index
    executed = nbformat.read(out / "ipynb" / "brief-dampak__region_3301__id.ipynb", as_version=4)
    assert executed.metadata.papermill.parameters["region"] == "3301"
    assert not list(out.glob("**/.*.tmp*"))  # no half-written files


def test_a_rerun_skips_unchanged_briefs_and_force_renders_again(rendered):
    _, out, config = rendered
    before = (out / "brief-dampak__region_33__en.html").stat().st_mtime_ns
    again = _cli("briefs", "run", str(config))
    assert again.returncode == 0 and "0 to render, 3 unchanged" in again.stderr
    assert {b["status"] for b in _manifest(out).values()} == {"skipped"}
    assert (out / "brief-dampak__region_33__en.html").stat().st_mtime_ns == before
    forced = _cli("briefs", "run", str(config), "--force", "--workers", "2")
    assert forced.returncode == 0 and {b["status"] for b in _manifest(out).values()} == {"ok"}


@pytest.mark.parametrize(
    ("region", "message"),
    [
        ({"region": "33", "provinsi": "33"}, "unknown parameter 'provinsi'"),
        ({"region": 33}, "must be str, got int 33"),
        ({"region_level": "kabupaten", "region": "99"}, "a kabupaten code has 4 digits, got '99'"),
    ],
)
def test_bad_parameters_fail_before_any_kernel_with_one_line_and_no_output(tmp_path, region, message):
    config = _config(tmp_path, [{"region": "11"}, region])
    proc = _cli("briefs", "run", str(config))
    assert proc.returncode == 2
    assert message in proc.stderr
    assert "Traceback" not in proc.stderr and len(proc.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "out").exists()


def test_malformed_config_is_reported_without_traceback(tmp_path):
    path = tmp_path / "briefs.yml"
    path.write_text("template: x.ipynb\nregions: []\nfoo: 1\n")
    proc = _cli("briefs", "run", str(path))
    assert proc.returncode == 2 and "regions" in proc.stderr and "foo" in proc.stderr
    assert "Traceback" not in proc.stderr


def _fragile(tmp_path: Path) -> Path:
    """A tiny template whose behaviour depends on the region: fail, crash its kernel, hang, or print."""
    template = tmp_path / "fragile.ipynb"
    nb = nbformat.v4.new_notebook(metadata={"kernelspec": {"name": "python3", "language": "python",
                                                           "display_name": "Python 3"}})
    params = nbformat.v4.new_code_cell('region: str = "ok"  # what to do\nlang: str = "id"  # language')
    params.metadata["tags"] = ["parameters"]
    nb.cells = [params, nbformat.v4.new_code_cell(
        "import os, time\n"
        'if region == "raise":\n    raise RuntimeError("no data for " + region)\n'
        'if region == "kill":\n    os.kill(os.getpid(), 9)\n'
        'if region == "hang":\n    time.sleep(600)\n'
        "from IPython.display import HTML, display\n"
        "from pnpm_lib.render import paragraph\n"
        "display(paragraph('region: ' + region))")]
    nbformat.write(nb, template)
    return template


def test_a_failure_a_killed_kernel_and_a_timeout_each_fail_only_their_brief(tmp_path):
    regions = [{"region": r} for r in ("raise", "kill", "hang", "ok")]
    config = _config(tmp_path, regions, template=_fragile(tmp_path), brief_timeout=20)
    proc = _cli("briefs", "run", str(config), "--workers", "2")
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    status = _manifest(tmp_path / "out")
    assert status["ok"]["status"] == "ok" and status["ok"]["html"]
    assert status["raise"]["status"] == "failed" and "no data for raise" in status["raise"]["error_message"]
    assert status["kill"]["status"] == "failed" and status["kill"]["error_name"] == "DeadKernelError"
    assert status["hang"]["status"] == "failed" and status["hang"]["error_name"] == "BriefTimeout"
    assert "stopped after 20 s" in status["hang"]["error_message"]
    assert status["raise"]["ipynb"]  # the failed notebook is kept for diagnosis
    assert all(status[r]["html"] is None for r in ("raise", "kill", "hang"))
    rerun = _cli("briefs", "run", str(config), "--only-failed", "--timeout", "20")
    assert rerun.returncode == 1 and "3 to render, 1 unchanged or kept" in rerun.stderr
    assert _manifest(tmp_path / "out")["ok"]["status"] == "ok"


def test_a_hostile_region_name_stays_inside_the_output_folder_and_is_escaped(tmp_path):
    hostile = ["../../etc/passwd", "<script>alert(1)</script>"]
    config = _config(tmp_path, [{"region": r} for r in hostile], template=_fragile(tmp_path))
    proc = _cli("briefs", "run", str(config), "--workers", "2")
    assert proc.returncode == 0, proc.stderr
    out = tmp_path / "out"
    written = sorted(p.name for p in out.glob("*.html"))
    assert written == ["fragile__region_etc-passwd__id.html", "fragile__region_script-alert-1-script__id.html",
                       "index.html"]
    assert not (tmp_path / "etc").exists()
    for page in out.glob("*.html"):
        assert "<script>alert" not in page.read_text(), page.name
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in (out / "fragile__region_script-alert-1-script__id.html").read_text()


NUMBER = re.compile(r"[+\-−]?(?:Rp)?\d[\d.,]*%?")


def _shown_numbers(html: str) -> list[str]:
    """The numbers a reader sees on the page: its text, and the text drawn in its charts and map."""
    from html import unescape

    def drawn(svg: re.Match) -> str:
        return " ".join(re.findall(r"<text\b[^>]*>(.*?)</text>", svg.group(0), flags=re.DOTALL))

    body = re.sub(r"<svg\b.*?</svg>", drawn, html[html.index("<body"):], flags=re.DOTALL)
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", body, flags=re.DOTALL)
    return sorted(NUMBER.findall(unescape(re.sub(r"<[^>]+>", " ", body))))


def test_pdf_copies_are_typeset_beside_the_html_with_the_same_numbers(rendered, tmp_path):
    """--pdf needs no browser: Typst from its wheel, offline. The PDF is A4, PDF/A, and shows exactly the
    numbers of the HTML page (same words from the same executed notebook); a re-run typesets only the PDFs
    that are missing; the index links them."""
    import pypdf

    config = _config(tmp_path, [{"region_level": "province", "region": "33"},
                                {"region_level": "kecamatan", "region": "3301123", "lang": "en"}])
    proc = _cli("briefs", "run", str(config), "--pdf", "--workers", "2")
    assert proc.returncode == 0, proc.stderr
    out = tmp_path / "out"
    for name in ("brief-dampak__region_33__id", "brief-dampak__region_3301123__en"):
        pdf = out / f"{name}.pdf"
        reader = pypdf.PdfReader(pdf)
        page = reader.pages[0].mediabox
        assert (round(float(page.width) / 72 * 25.4), round(float(page.height) / 72 * 25.4)) == (210, 297)
        assert b"pdfaid:part" in pdf.read_bytes()[:200_000] or b"pdfaid" in pdf.read_bytes()
        text = "\n".join(p.extract_text() for p in reader.pages)
        printed = sorted(n for n in NUMBER.findall(text) if not re.fullmatch(r"\d", n))  # page numbers "1 / 2"
        shown = sorted(n for n in _shown_numbers((out / f"{name}.html").read_text()) if not re.fullmatch(r"\d", n))
        assert printed == shown, name
    assert 'href="brief-dampak__region_33__id.pdf"' in (out / "index.html").read_text()
    (out / "brief-dampak__region_33__id.pdf").unlink()
    again = _cli("briefs", "run", str(config), "--pdf")
    assert again.returncode == 0 and "0 to render" in again.stderr
    assert (out / "brief-dampak__region_33__id.pdf").read_bytes().startswith(b"%PDF")


def test_regions_can_come_from_a_csv_for_thousands_of_briefs(tmp_path):
    from pnpm_lib.briefs.config import load_config
    from pnpm_lib.errors import ConfigError

    (tmp_path / "kecamatan.csv").write_text("region_level,region\nkecamatan,3301010\nkecamatan,0100001\n")
    config = tmp_path / "national.yml"
    config.write_text("template: t.ipynb\nregion_parameter: region\nregions_file: kecamatan.csv\n")
    regions = load_config(config).regions
    assert regions == [{"region_level": "kecamatan", "region": "3301010"},
                       {"region_level": "kecamatan", "region": "0100001"}]  # codes stay text
    config.write_text("template: t.ipynb\nregions_file: kecamatan.csv\nregions: [{province: '33'}]\n")
    with pytest.raises(ConfigError, match="not both"):
        load_config(config)
    config.write_text("template: t.ipynb\nregions_file: missing.csv\n")
    with pytest.raises(ConfigError, match="missing.csv"):
        load_config(config)
