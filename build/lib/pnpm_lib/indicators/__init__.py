"""Empowerment indicators: Alkire–Foster counting, composite indices and their uncertainty, IDM status.

Modules: ``framework`` (the seven-goal indicator file, validated, and indicator
values from the village table), ``empowerment`` (goal scores, index, goal
contributions, audit, counting view), ``composite`` (normalise → weight →
aggregate, outliers, Cronbach's alpha), ``sensitivity`` (Monte Carlo rank
intervals), ``alkire_foster`` (dual-cutoff counting), ``weai`` (5DE, GPI),
``village_status`` (IDM), ``charts`` and ``report`` (what notebook 04 shows).
"""

from pnpm_lib.indicators.alkire_foster import AFResult, alkire_foster, decompose

__all__ = ["AFResult", "alkire_foster", "decompose"]
