"""Training notebooks → reveal.js slides a facilitator can project with no internet (``make slides``).

Each deck is the *slides* edition of a notebook source (``pnpm_lib.editions``):
the participant's lesson in one language, facilitator notes and live-coding
instructions as speaker notes (press ``s``), typing cells and solutions left out.
nbconvert's slides load reveal.js, require.js, jQuery, MathJax, mermaid and the
widget manager from CDNs (training.md §3); our template drops the optional ones
and points the rest at local copies: reveal.js 4.x, requirejs and jQuery from the
npm registry, fetched once into ``outputs/slides/`` (reveal.js 6 moved its notes
plugin, so the major version is pinned). 16:9 at 1280×720 in the programme's colours.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from pnpm_lib import editions
from pnpm_lib.atomic import write_atomic
from pnpm_lib.briefs.export import TEMPLATES, tag_config

TRAINING = ("01_mengenal_pnpm_mandiri", "02_siklus_dan_lembaga", "05_dana_blm_spp", "06_simulasi_mad")
"""The workshop notebooks, in session order."""
ASSETS = {"reveal.js@4.6.0": ("reveal.js", "reveal.js"), "requirejs@2.3.8": ("requirejs/require.js", "require.js"),
          "jquery@3.7.1": ("jquery/dist/jquery.min.js", "jquery.min.js")}
"""npm package → (path inside node_modules, name beside the slides)."""


def exporter():
    from nbconvert import SlidesExporter

    config = tag_config()
    config.SlidesExporter.reveal_url_prefix = "reveal.js"
    config.SlidesExporter.require_js_url = "require.js"
    config.SlidesExporter.jquery_url = "jquery.min.js"
    config.SlidesExporter.font_awesome_url = ""
    config.SlidesExporter.reveal_theme = "white"
    config.HTMLExporter.mathjax_url = ""
    return SlidesExporter(config=config, template_name="pnpm_slides", extra_template_basedirs=[str(TEMPLATES)])


def executed(source: Path, lang: str):
    """The slides edition of ``source`` in ``lang``, executed (papermill, a fresh kernel)."""
    import papermill

    nb = editions.edition(editions.read_source(source), lang, "slides", source.stem)
    done = papermill.execute_notebook(nb, None, kernel_name="python3", progress_bar=False, execution_timeout=300,
                                      cwd=str(source.parent.parent))
    for cell in done.cells:  # papermill's own cells never make a slide
        if {"injected-parameters", "parameters"} & set(cell.metadata.get("tags", [])):
            cell.metadata["slideshow"] = {"slide_type": "skip"}
    return done


def deck(source: Path, lang: str) -> str:
    body, _ = exporter().from_notebook_node(executed(source, lang), resources={"language_code": lang})
    return body.replace('<html lang="en">', f'<html lang="{lang}">', 1)


def render(source: Path, out: Path, lang: str = "id") -> Path:
    """Write one deck: ``out/<name>.<lang>.slides.html``."""
    path = out / f"{source.stem}.{lang}.slides.html"
    write_atomic(path, deck(source, lang))
    return path


def fetch_assets(out: Path) -> None:
    """Copy reveal.js, require.js and jQuery beside the slides (npm once; later runs reuse the cache)."""
    cache = out / ".npm"
    missing = [spec for spec, (inside, _) in ASSETS.items() if not (cache / "node_modules" / inside).exists()]
    if missing:
        if not shutil.which("npm"):
            raise RuntimeError("the slides need reveal.js from the npm registry once: install Node.js/npm "
                               f"(apt-get install npm), or copy {', '.join(ASSETS)} into {cache}/node_modules")
        subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--prefix", str(cache), *missing],
                       check=True, capture_output=True)
    for inside, name in ASSETS.values():
        source, target = cache / "node_modules" / inside, out / name
        if source.is_dir():
            shutil.copytree(source, target, dirs_exist_ok=True)
        else:
            shutil.copy2(source, target)


def build(root: Path, out: Path, langs: tuple[str, ...] = ("id", "en")) -> list[Path]:
    """Slides of every training notebook in every language, plus their local assets."""
    out.mkdir(parents=True, exist_ok=True)
    fetch_assets(out)
    return [render(editions.source_dir(root) / f"{stem}.md", out, lang) for stem in TRAINING for lang in langs]
