"""A JupyterLab language pack for Bahasa Indonesia ("id") that includes the menus.

JupyterLab finds language packs through the ``jupyterlab.languagepack`` entry
point and reads ``locale/<locale>/LC_MESSAGES/<domain>.json`` beside the module.
``build`` writes that JSON: the installed PyPI pack's Indonesian strings (if any)
with our supplement ``jupyterlab.id.po`` over them. The JSON is generated, not
committed (``pnpm-mandiri lab`` builds it before JupyterLab starts).
"""

from __future__ import annotations

import json
from pathlib import Path

HERE = Path(__file__).resolve().parent
LOCALE = "id"
TARGET = HERE / "locale" / LOCALE / "LC_MESSAGES" / "jupyterlab.json"


def upstream() -> dict:
    """The installed PyPI pack's jupyterlab domain (empty when the pack is not installed)."""
    try:
        import jupyterlab_language_pack_id_ID as pack
    except ImportError:
        return {}
    path = Path(pack.__file__).parent / "locale" / "id_ID" / "LC_MESSAGES" / "jupyterlab.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}


def supplement() -> dict[str, list[str]]:
    """Our entries, keyed as JupyterLab keys them (``context\\x04msgid`` when there is a context)."""
    from babel.messages.pofile import read_po

    with (HERE / "jupyterlab.id.po").open("rb") as f:
        catalogue = read_po(f, locale=LOCALE)
    return {(f"{m.context}\x04{m.id}" if m.context else str(m.id)): [str(m.string)]
            for m in catalogue if m.id and m.string}


def build() -> Path:
    """Write the merged pack; returns its path."""
    from pnpm_lib.atomic import write_atomic

    merged = upstream() | supplement()
    merged[""] = {"domain": "jupyterlab", "language": LOCALE, "plural_forms": "nplurals=1; plural=0;",
                  "version": "jupyterlab"}
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(TARGET, json.dumps(merged, ensure_ascii=False, indent=0))
    return TARGET
