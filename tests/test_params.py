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
