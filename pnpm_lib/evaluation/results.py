"""Machine-readable results: ``results.json`` beside every evaluation HTML.

One record per outcome and subgroup, so dashboards and scheduled jobs read the
numbers instead of scraping HTML. NaN becomes ``null``; every record carries
``synthetic`` so a synthetic estimate can never be mistaken for a finding.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from pnpm_lib.evaluation.event import ESTIMATOR, EventStudy

FIELDS = ("outcome", "subgroup", "estimate", "se", "ci_low", "ci_high", "p_value", "n", "clusters",
          "estimator", "synthetic")
EXTRA = ("section", "p_value_wild", "wild_ci_low", "wild_ci_high", "headline_method", "headline_ci_low",
         "headline_ci_high", "headline_p_value", "headline_reason", "p_value_adjusted", "p_value_romano_wolf",
         "p_value_ri", "note")
"""``headline_*``: the interval and p every page shows for the estimate (``did.headline``): ``headline_method``
is ``crv1``, ``wild`` (below 40 clusters) or ``none``; ``headline_reason`` says why there is no interval."""


def from_table(table: pd.DataFrame, synthetic: bool, section: str) -> list[dict]:
    """Records from a :func:`did.did_table` or :func:`did.transitions` result."""
    from pnpm_lib.evaluation.did import headline

    out = []
    for row in table.to_dict("records"):
        estimated = row.get("did_estimate") is not None and not pd.isna(row.get("did_estimate"))
        out.append(_clean({
            **(headline(row).record() if estimated else {}),
            "outcome": row["outcome"], "subgroup": row["subgroup"],
            "estimate": row.get("did_estimate"), "se": row.get("did_se"),
            "ci_low": row.get("did_ci_low"), "ci_high": row.get("did_ci_high"),
            "p_value": row.get("did_p_value"), "n": row.get("n"), "clusters": row.get("clusters"),
            "estimator": row.get("estimator"), "synthetic": synthetic, "section": section,
            "p_value_wild": row.get("did_p_value_wild"), "wild_ci_low": row.get("did_wild_ci_low"),
            "wild_ci_high": row.get("did_wild_ci_high"), "p_value_adjusted": row.get("p_value_adjusted"),
            "note": row.get("note") or None,
        }))
    return out


def from_event_study(es: EventStudy, synthetic: bool, section: str = "event_study") -> list[dict]:
    """The post-entry average (subgroup ``all``) and each event-time effect (``event_time=k``)."""
    att = es.att
    records = [_clean({"outcome": es.outcome, "subgroup": "all", "estimate": att.estimate, "se": att.se,
                       "ci_low": att.ci_low, "ci_high": att.ci_high, "p_value": att.p_value, "n": att.n,
                       "clusters": att.clusters, "estimator": att.estimator, "synthetic": synthetic,
                       "section": section,
                       "note": f"pre-trend F({es.pretrend_terms}) = {es.pretrend_f:.2f}, p = {es.pretrend_p:.3f}"})]
    for row in es.coefficients.to_dict("records"):
        if row["rel_time"] == -1:
            continue  # the omitted reference period
        records.append(_clean({"outcome": es.outcome, "subgroup": f"event_time={row['rel_time']}",
                               "estimate": row["estimate"], "se": row["se"], "ci_low": row["ci_low"],
                               "ci_high": row["ci_high"], "p_value": None, "n": att.n,
                               "clusters": att.clusters, "estimator": ESTIMATOR, "synthetic": synthetic, "section": section}))
    return records


def _clean(record: dict) -> dict:
    """Every field present, in a fixed order, JSON-safe (NaN and ±∞ → None, numpy → Python)."""
    out = {}
    for key in FIELDS + EXTRA:
        value = record.get(key)
        if value is not None and hasattr(value, "item"):
            value = value.item()
        if isinstance(value, float) and not math.isfinite(value):  # NaN, or a wild bound of ±∞ (no interval)
            value = None
        out[key] = value
    return out


def write_results(records: Iterable[dict], path: str | Path, meta: dict | None = None) -> Path:
    """Write ``{"meta": …, "results": [...]}`` atomically; refuses NaN so the file is strict JSON."""
    from pnpm_lib.atomic import write_atomic

    path = Path(path)
    payload = {"meta": meta or {}, "results": list(records)}
    write_atomic(path, json.dumps(payload, indent=2, ensure_ascii=False, allow_nan=False))
    return path


def provenance(sample, parameters: dict) -> dict:
    """What produced a results page: source, parameters, versions and the analysed data's hash."""
    import pyfixest

    from pnpm_lib import __version__
    from pnpm_lib.evaluation.data import file_name

    panel = parameters.get("data_path", "") == ""  # the synthetic panel, households and villages alike

    def value(name: str, v: object) -> object:
        if v != "":
            return file_name(str(v)) if name.endswith("_path") else v
        # an empty path: the synthetic panel's table, or (beside a user's households) no table at all
        return "(synthetic)" if panel and name in ("data_path", "village_path") else "(not given)"

    shown = ", ".join(f"{k}={value(k, v)}" for k, v in parameters.items())
    return {"source": sample.source, "synthetic": sample.synthetic, "parameters": shown, "toolkit": __version__,
            "pyfixest": pyfixest.__version__, "data_hash": sample.fingerprint()}


def adjust(records: list[dict], outcomes: list[str], method: str = "holm") -> pd.DataFrame:
    """Correct the whole-sample p-values of a family of ``outcomes``, in place on ``records``.

    Returns the family (outcome, p_value, p_value_adjusted) for display.
    """
    from pnpm_lib.evaluation.estimate import adjust_p_values

    heads = {r["outcome"]: r for r in records if r["subgroup"] == "all" and r["outcome"] in outcomes}
    family = [heads[o] for o in outcomes if o in heads]
    adjusted = adjust_p_values([r["p_value"] for r in family], method)
    for record, p in zip(family, adjusted, strict=True):
        record["p_value_adjusted"] = float(p)
    return pd.DataFrame({"outcome": [r["outcome"] for r in family], "p_value": [r["p_value"] for r in family],
                         "p_value_adjusted": adjusted})


def from_comparison(comparison, synthetic: bool, outcome: str = "log_consumption") -> list[dict]:
    """The staggered-adoption estimators: each headline (subgroup ``estimator=NAME``) and its event-time effects."""
    records = [_clean({"outcome": outcome, "subgroup": f"estimator={r['estimator']}", "estimate": r["estimate"],
                       "se": r["se"], "ci_low": r["ci_low"], "ci_high": r["ci_high"], "p_value": None, "n": None,
                       "clusters": comparison.clusters, "estimator": r["estimator"], "synthetic": synthetic,
                       "section": "staggered"}) for r in comparison.overall.to_dict("records")]
    for r in comparison.event.to_dict("records"):
        if r["rel_time"] != -1:
            records.append(_clean({"outcome": outcome, "subgroup": f"estimator={r['estimator']},event_time={r['rel_time']}",
                                   "estimate": r["estimate"], "se": r["se"], "ci_low": r["ci_low"],
                                   "ci_high": r["ci_high"], "p_value": None, "n": None,
                                   "clusters": comparison.clusters, "estimator": r["estimator"],
                                   "synthetic": synthetic, "section": "staggered"}))
    return records


def family_inference(records: list[dict], data: pd.DataFrame, outcomes: list[str], weights: str | None = "weight",
                     ri_reps: int = 1999) -> pd.DataFrame:
    """Holm, Romano–Wolf and randomization-inference p-values for a family of outcomes, into ``records`` too.

    Returns the family (outcome, p_value, p_value_adjusted (Holm), p_value_romano_wolf, p_value_ri).
    """
    from pnpm_lib.evaluation.inference import randomization_p, romano_wolf

    family = adjust(records, outcomes, "holm")
    names = family["outcome"].tolist()
    rw = romano_wolf(data, names, weights=weights).set_index("outcome")["p_value_romano_wolf"]
    ri = {o: randomization_p(data, o, weights=weights, reps=ri_reps)[0] for o in names}
    for record in records:
        if record["subgroup"] == "all" and record["outcome"] in ri:
            record["p_value_romano_wolf"] = float(rw[record["outcome"]])
            record["p_value_ri"] = ri[record["outcome"]]
    return family.assign(p_value_romano_wolf=[float(rw[o]) for o in names], p_value_ri=[ri[o] for o in names])
