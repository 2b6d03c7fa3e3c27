"""The project's own files agree with each other (pyproject, environment.yml, notebooks)."""

import re
import tomllib

import nbformat
import yaml


def _name_and_bound(spec: str) -> tuple[str, str]:
    match = re.match(r"^\s*([A-Za-z0-9_.\-]+)\s*(>=\s*[0-9.]+)?", spec)
    assert match, spec
    return match.group(1).lower().replace("_", "-"), (match.group(2) or "").replace(" ", "")


def test_environment_yml_lists_the_same_dependencies_as_pyproject(root):
    project = tomllib.loads((root / "pyproject.toml").read_text())["project"]
    wanted = set(project["dependencies"])
    for extra in project["optional-dependencies"].values():
        wanted |= set(extra)
    env = yaml.safe_load((root / "environment.yml").read_text())
    listed = set()
    for dep in env["dependencies"]:
        if isinstance(dep, dict):
            listed |= {d for d in dep["pip"] if not d.startswith("-e")}
        elif not dep.startswith(("python", "pip")) or dep.startswith("python-"):
            listed.add(dep)
    assert {_name_and_bound(d) for d in listed} == {_name_and_bound(d) for d in wanted}
    python = next(d for d in env["dependencies"] if isinstance(d, str) and d.startswith("python"))
    assert python.replace("python", "") == project["requires-python"]


def test_console_script_is_pnpm_mandiri_never_pnpm(root):
    scripts = tomllib.loads((root / "pyproject.toml").read_text())["project"]["scripts"]
    assert "pnpm-mandiri" in scripts and "pnpm" not in scripts


def test_notebooks_are_committed_without_outputs_and_with_annotated_parameters(root):
    notebooks = sorted((root / "notebooks").rglob("*.ipynb"))
    assert len(notebooks) >= 13
    for path in notebooks:
        nb = nbformat.read(path, as_version=4)
        for cell in nb.cells:
            if cell.cell_type == "code":
                assert cell.outputs == [] and cell.execution_count is None, path.name
        params = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
        assert len(params) == 1, path.name
        for line in params[0].source.splitlines():
            assert re.match(r"^\w+: (str|int|float|bool) = .+  # .+", line), line


def test_readme_opens_with_the_toolkit_and_the_two_commands(root):
    readme = (root / "README.md").read_text()
    head = readme[:2500]
    assert "JavaScript" in head and "make run" in head and "make test" in head
    assert "make test" in (root / ".ci/run").read_text()


def test_glossary_and_facilitator_guide_exist_in_indonesian_and_english(root):
    terms = {lang: re.findall(r"^\| \*\*([^*]+)\*\* \|", (root / "docs" / name).read_text(encoding="utf-8"), re.MULTILINE)
             for lang, name in (("id", "glosarium.md"), ("en", "glossary.md"))}
    assert terms["id"] == terms["en"] and len(terms["id"]) > 15
    guides = [(root / "docs" / name).read_text(encoding="utf-8") for name in ("panduan-fasilitator.md",
                                                                              "facilitator-guide.md")]
    assert "Jadwal" in guides[0] and "The day" in guides[1]
    assert guides[0].count("|") == guides[1].count("|")  # the same schedule table
