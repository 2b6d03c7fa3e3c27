"""Optional PDF copies of briefs, printed by headless Chromium/Chrome when it is installed."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

from pnpm_lib.briefs.manifest import Result
from pnpm_lib.errors import ConfigError

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")


def find_chromium() -> str:
    """The browser to print with, or a ConfigError that says what to install."""
    for name in (os.environ.get("PNPM_CHROMIUM", ""), *BROWSERS):
        path = shutil.which(name) if name else None
        if path:
            return path
    raise ConfigError("--pdf needs headless Chromium or Chrome, and none was found (looked for "
                      f"{', '.join(BROWSERS)}; or set PNPM_CHROMIUM). Install one, or run without --pdf: "
                      "the HTML briefs print to two pages from any browser.")


def print_pdf(chromium: str, result: Result, say: Callable[[str], None]) -> Path | None:
    """Print ``result``'s HTML next to it as .pdf (atomically); a failure is logged, not raised."""
    if result.status not in ("ok", "skipped") or not result.html:
        return None
    html = Path(result.html)
    pdf = html.with_suffix(".pdf")
    tmp = pdf.with_name(f".{pdf.name}.tmp")
    command = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
               f"--print-to-pdf={tmp}", html.resolve().as_uri()]
    try:
        subprocess.run(command, check=True, capture_output=True, timeout=120)
        os.replace(tmp, pdf)
        return pdf
    except (OSError, subprocess.SubprocessError) as exc:
        say(f"pdf failed for {result.region}: {type(exc).__name__}: {exc}")
        tmp.unlink(missing_ok=True)
        return None
