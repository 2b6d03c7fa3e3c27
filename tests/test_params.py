import pytest

from pnpm_lib.briefs.params import validate_parameters
from pnpm_lib.errors import ParameterError


@pytest.fixture
def template(root):
    return root / "notebooks" / "brief_provinsi.ipynb"


def test_valid_parameters_pass(template):
    params = {"province": "94", "lang": "en", "output_dir": "/tmp/x"}
    assert validate_parameters(template, params) == params


def test_unknown_parameter_names_the_valid_ones(template):
    with pytest.raises(ParameterError, match="unknown parameter 'provinsi'.*province, lang, output_dir"):
        validate_parameters(template, {"provinsi": "33"})


def test_wrong_type_is_rejected(template):
    with pytest.raises(ParameterError, match="'province' .* must be str, got int 33"):
        validate_parameters(template, {"province": 33})


def test_unknown_province_code_lists_the_valid_codes(template):
    with pytest.raises(ParameterError, match="invalid province '65'.*11, 12, .*94"):
        validate_parameters(template, {"province": "65"})


def test_unknown_language_lists_the_choices(template):
    with pytest.raises(ParameterError, match="invalid lang 'jv'; valid choices: id, en"):
        validate_parameters(template, {"lang": "jv"})
