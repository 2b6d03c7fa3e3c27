"""Empowerment indicators: Alkire–Foster counting (more to come: framework, composites, sensitivity)."""

from pnpm_lib.indicators.alkire_foster import AFResult, alkire_foster, decompose

__all__ = ["AFResult", "alkire_foster", "decompose"]
