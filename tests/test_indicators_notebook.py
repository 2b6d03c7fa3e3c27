"""The indicator notebook end to end with papermill: a small province in English, a user's own files."""

import papermill
import pytest
import yaml

from pnpm_lib import synth
from tests.conftest import ROOT


def _run(tmp_path, lang="id", **parameters):
    notebook = ROOT / "notebooks" / lang / "04_indikator_pemberdayaan.ipynb"
    out = tmp_path / "out.ipynb"
    nb = papermill.execute_notebook(str(notebook), str(out), parameters=parameters, cwd=str(notebook.parent),
                                    execution_timeout=600,
                                    progress_bar=False, kernel_name="python3")
    return "\n".join(c.source if c.cell_type == "markdown" else
                     "\n".join(o.get("data", {}).get("text/html", "") for o in c.get("outputs", []))
                     for c in nb.cells)


def test_smallest_province_at_desa_level_in_english(tmp_path):
    villages = synth.make_panel(seed=2007).villages
    smallest = villages.groupby("province_code")["kecamatan_code"].nunique().idxmin()
    html = _run(tmp_path, lang="en", region=smallest, level="desa", draws=100)
    assert "SYNTHETIC DATA" in html and "Empowerment indicators" in html
    assert "the index moved" in html and "Cronbach's alpha" in html and "H = " in html
    assert "Traceback" not in html


def test_a_users_village_file_and_framework(tmp_path):
    villages = synth.make_panel(seed=9, n_kecamatan=30).villages.rename(columns={"desa_code": "kode_desa"})
    data = tmp_path / "desa.csv"
    villages.to_csv(data, index=False)
    raw = yaml.safe_load((ROOT / "config" / "indicators.yml").read_text(encoding="utf-8"))
    raw["name"] = "Kerangka kabupaten kami"
    raw["synthetic_columns"] = []
    raw["goals"] = {"participation": 0.5, "local_independence": 0.5}
    raw["indicators"] = [i for i in raw["indicators"] if i["goal"] in raw["goals"]]
    framework = tmp_path / "kerangka.yml"
    framework.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    html = _run(tmp_path, village_path=str(data), framework_path=str(framework), draws=50)
    assert "Kerangka kabupaten kami" in html and "DATA SINTETIS: angka" in html  # only the WEAI example
    assert "desa.csv" in html


def test_a_bad_framework_stops_the_notebook_with_the_loaders_message(tmp_path):
    bad = tmp_path / "bad.yml"
    bad.write_text("name: x\ngoals: {participation: 1}\nindicators: []\n", encoding="utf-8")
    with pytest.raises(papermill.PapermillExecutionError) as info:
        _run(tmp_path, framework_path=str(bad))
    assert info.value.ename == "ConfigError" and "indicators" in info.value.evalue
