"""Empowerment indicators: Alkire–Foster counting, composite indices and their uncertainty, IDM status.

Modules: ``alkire_foster`` (dual-cutoff counting), ``composite`` (normalise →
weight → aggregate, Cronbach's alpha), ``sensitivity`` (Monte Carlo rank
intervals) and ``village_status`` (IDM). Still to come (issue #6): the
seven-goal indicator framework file, the WEAI-style gender view and the notebook.
"""

from pnpm_lib.indicators.alkire_foster import AFResult, alkire_foster, decompose

__all__ = ["AFResult", "alkire_foster", "decompose"]
