"""Shared fixtures and the two sizes of the suite.

``make test`` (the edit loop) renders shared fixtures at the smallest size that still covers every kind of
brief and skips the tests marked ``slow``; ``make test-all`` (CI) passes ``--full``: the exhaustive renders
and the long fault sweeps.
"""

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--full", action="store_true",
                     help="exhaustive fixtures and the tests marked slow (make test-all)")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if config.getoption("--full"):
        return
    skip = pytest.mark.skip(reason="slow: runs in make test-all (pytest --full)")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def full(request: pytest.FixtureRequest) -> bool:
    """True under ``make test-all``: fixtures at full size."""
    return bool(request.config.getoption("--full"))


@pytest.fixture
def root() -> Path:
    return ROOT
