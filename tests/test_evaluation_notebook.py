"""The evaluation notebook end to end through the CLI: synthetic default (English) and a user file."""

import json
import re
import subprocess
import sys

import pytest
import yaml

from pnpm_lib import synth
from pnpm_lib.evaluation import results
from tests.conftest import ROOT


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("evaluation")
    user_file = tmp / "my_survey.csv"
    hh = synth.make_panel(seed=5, n_kecamatan=60).households.drop(columns="synthetic")
    hh.rename(columns={"household_id": "hhid", "kecamatan_code": "kode_kec"}).to_csv(user_file, index=False)
    config = {
        "template": str(ROOT / "notebooks" / "{lang}" / "03_evaluasi_dampak.ipynb"),
        "output_dir": str(tmp / "out"), "region_parameter": "lang",
        "regions": [{"lang": "en"}, {"lang": "id", "data_path": str(user_file)}],
    }
    path = tmp / "evaluation.yml"
    path.write_text(yaml.safe_dump(config))
    proc = subprocess.run([sys.executable, "-m", "pnpm_lib", "briefs", "run", str(path), "--workers", "2"],
                          capture_output=True, text=True, timeout=900, check=False)
    return proc, tmp / "out"


def test_both_runs_succeed_and_write_results_json_beside_the_html(rendered):
    proc, out = rendered
    assert proc.returncode == 0, proc.stdout + proc.stderr
    for lang in ("en", "id"):
        html = out / f"03-evaluasi-dampak__lang_{lang}__{lang}.html"
        payload = json.loads(html.with_suffix(".results.json").read_text(encoding="utf-8"))
        assert payload["results"] and all(set(results.FIELDS) <= set(r) for r in payload["results"])


def test_synthetic_run_is_labelled_synthetic_everywhere(rendered):
    _, out = rendered
    html = (out / "03-evaluasi-dampak__lang_en__en.html").read_text(encoding="utf-8")
    assert "SYNTHETIC DATA" in html and "not real PNPM results" in html and "Did PNPM Rural raise" in html
    payload = json.loads((out / "03-evaluasi-dampak__lang_en__en.results.json").read_text(encoding="utf-8"))
    assert payload["meta"]["synthetic"] is True
    assert all(r["synthetic"] is True for r in payload["results"])
    sections = {r["section"] for r in payload["results"]}
    assert {"consumption", "poverty_transitions", "outpatient_visit", "school_transition", "employed",
            "participation", "event_study"} <= sections
    assert not re.search(r"""(src|href)=["']https?://""", html)


def test_user_file_run_is_not_synthetic_and_skips_what_the_file_cannot_support(rendered):
    _, out = rendered
    html = (out / "03-evaluasi-dampak__lang_id__id.html").read_text(encoding="utf-8")
    assert "DATA SINTETIS" not in html and "my_survey.csv" in html
    assert "Tidak ada tabel desa" in html and "event study butuh minimal 3" in html
    assert "Apakah PNPM Perdesaan menaikkan" in html
    payload = json.loads((out / "03-evaluasi-dampak__lang_id__id.results.json").read_text(encoding="utf-8"))
    assert all(r["synthetic"] is False for r in payload["results"])
    assert {r["clusters"] for r in payload["results"] if r["section"] == "consumption" and r["subgroup"] == "all"} == {60}
