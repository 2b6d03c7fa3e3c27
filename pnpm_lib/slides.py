"""Training notebooks → reveal.js slides that work with no internet (``make slides``).

nbconvert's slides load reveal.js, require.js, jQuery, MathJax, mermaid and the
widget manager from CDNs (training.md §3). Here a small template drops the
optional ones and the rest point at local copies: reveal.js 4.x, requirejs and
jQuery from the npm registry, fetched once into ``outputs/slides/`` (reveal.js 6
moved its notes plugin, so the major version is pinned). Slide breaks come from
cell metadata (``slideshow.slide_type``); ``hide-cell``/``remove-cell`` cells
(solutions) are left out.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from pnpm_lib.atomic import write_atomic
from pnpm_lib.briefs.export import TEMPLATES, tag_config

TRAINING = ("02_siklus_dan_lembaga", "05_dana_blm_spp", "06_simulasi_mad")
"""The workshop notebooks, in session order (01, the concept notebook, opens the day)."""
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
    config.HTMLExporter.mathjax_url = ""
    return SlidesExporter(config=config, template_name="pnpm_slides", extra_template_basedirs=[str(TEMPLATES)])


def render(notebook: Path, out: Path, lang: str = "id") -> Path:
    """Execute one training notebook in ``lang`` and write its slides to ``out``."""
    import papermill

    nb = papermill.execute_notebook(str(notebook), None, parameters={"lang": lang}, kernel_name="python3",
                                    progress_bar=False, cwd=str(notebook.parent))
    body, _ = exporter().from_notebook_node(nb)
    path = out / f"{notebook.stem}.{lang}.slides.html"
    write_atomic(path, body)
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
    return [render(root / "notebooks" / f"{stem}.ipynb", out, lang) for stem in TRAINING for lang in langs]
