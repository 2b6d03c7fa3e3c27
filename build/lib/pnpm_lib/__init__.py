"""pnpm_lib — toolkit for PNPM Mandiri, Indonesia's 2007–2014 community-empowerment programme.

Not related to the JavaScript package manager ``pnpm``. Public modules:
``program`` (the programme as data), ``datasets`` (shipped real data),
``plots``, ``render``, ``i18n``, ``briefs`` (templates, batch runner), ``errors``.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("pnpm-mandiri-toolkit")
except PackageNotFoundError:  # running from a source tree without install
    __version__ = "0+unknown"
