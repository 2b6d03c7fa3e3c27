"""Impact evaluation: balance, 2×2 DiD, event studies, power — on pyfixest, checked against statsmodels.

Modules: ``estimate`` (one clustered coefficient; the inference rules),
``balance`` (iebaltab), ``did`` (ieddtab, poverty transitions, heterogeneity),
``event`` (Sun–Abraham event study), ``power`` (MDE, clusters, power),
``data`` (synthetic or user samples), ``charts`` (iegraph, event plot) and
``results`` (results.json).
"""

from pnpm_lib.evaluation.balance import BalanceTable, balance_table
from pnpm_lib.evaluation.did import did_table, transitions
from pnpm_lib.evaluation.estimate import Estimate, adjust_p_values
from pnpm_lib.evaluation.event import EventStudy, event_study

__all__ = ["BalanceTable", "Estimate", "EventStudy", "adjust_p_values", "balance_table", "did_table",
           "event_study", "transitions"]
