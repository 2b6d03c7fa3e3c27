import pytest

from pnpm_lib.briefs.params import validate_parameters
from pnpm_lib.errors import ParameterError


@pytest.fixture
def template(root):
    return root / "notebooks" / "brief_dampak.ipynb"


def test_valid_parameters_pass(template):
    params = {"region_level": "kabupaten", "region": "3301", "lang": "en", "min_cell": 5}
    assert validate_parameters(template, params) == params


def test_unknown_parameter_names_the_valid_ones(template):
    with pytest.raises(ParameterError, match="unknown parameter 'provinsi'.*region_level, region, lang"):
        validate_parameters(template, {"provinsi": "33"})


def test_wrong_type_is_rejected(template):
    with pytest.raises(ParameterError, match="'region' .* must be str, got int 33"):
        validate_parameters(template, {"region": 33})


def test_a_code_that_does_not_fit_its_level_is_rejected(template):
    with pytest.raises(ParameterError, match="a province code has 2 digits, got '3301'"):
        validate_parameters(template, {"region": "3301"})  # region_level defaults to province
    with pytest.raises(ParameterError, match="does not start with a BPS province code; valid: 11, 12"):
        validate_parameters(template, {"region_level": "kabupaten", "region": "9901"})


def test_unknown_level_and_language_list_the_choices(template):
    with pytest.raises(ParameterError, match="invalid region_level 'desa'; valid choices: province, kabupaten"):
        validate_parameters(template, {"region_level": "desa"})
    with pytest.raises(ParameterError, match="invalid lang 'jv'; valid choices: id, en"):
        validate_parameters(template, {"lang": "jv"})


def test_a_disclosure_threshold_below_five_is_refused(template):
    with pytest.raises(ParameterError, match="min_cell must be a whole number ≥ 5, got 3"):
        validate_parameters(template, {"min_cell": 3})


def test_a_parameter_without_default_is_required(tmp_path):
    import nbformat

    nb = nbformat.v4.new_notebook(metadata={"kernelspec": {"name": "python3", "language": "python", "display_name": "Python 3"}})
    cell = nbformat.v4.new_code_cell('region: str = None  # required\nlang: str = "id"  # language')
    cell.metadata["tags"] = ["parameters"]
    nb.cells = [cell]
    path = tmp_path / "t.ipynb"
    nbformat.write(nb, path)
    with pytest.raises(ParameterError, match="requires parameter.*region"):
        validate_parameters(path, {"lang": "en"})


def test_no_impact_brief_where_pnpm_rural_never_ran(template):
    """#29: a PNPM Rural brief for DKI Jakarta showed Java's estimate; the programme covered all provinces but it."""
    import yaml

    from pnpm_lib import datasets, synth
    from tests.conftest import ROOT

    for level, code in (("province", "31"), ("kabupaten", "3171")):
        with pytest.raises(ParameterError, match="never ran in DKI Jakarta"):
            validate_parameters(template, {"region_level": level, "region": code})
    coverage = datasets.load("pnpm_coverage")
    row = coverage[(coverage["component"] == "perdesaan") & (coverage["period"].astype(str) == "2010")]
    assert "except Jakarta" in row["note"].iloc[0] and row["confidence"].iloc[0] == "R1"  # the rule's source
    regions = yaml.safe_load((ROOT / "config" / "briefs.yml").read_text(encoding="utf-8"))["regions"]
    provinces = {r["region"] for r in regions if r["region_level"] == "province"}
    assert "31" not in provinces and len(provinces) == 32
    panel = synth.make_panel(seed=2007).households
    kabupaten = {r["region"] for r in regions if r["region_level"] == "kabupaten"}
    assert kabupaten == set(panel["kecamatan_code"].str[:4])  # every kabupaten of the synthetic panel, no other
