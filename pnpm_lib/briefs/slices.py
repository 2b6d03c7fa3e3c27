"""What each brief reads, prepared once per batch: its areas' findings, its index, and a key over them.

Thousands of kecamatan briefs share a few hundred wider areas and one national index. Reading the
national file and ranking 7,000 kecamatan in every brief would cost seconds each, so the batch reads
the data once, splits it by area once, computes each area's findings once and each level's index and
rank intervals once, and hands every brief a *part* holding only what it shows. The brief (in its own
kernel, as always) renders from its part; run on its own (JupyterLab, papermill) it computes the same
part itself, through the same code.

A part's ``key`` hashes exactly what the brief reads: the rows of every area its evidence walk looked at
(the region itself, then outwards up to the area whose estimate it shows) and the index figures it
prints. Correcting one kecamatan's rows therefore changes the key of that kecamatan's brief and of the
briefs that lean on the same kabupaten or province estimate, and of those whose printed index or rank
moved — and no other.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from pnpm_lib import regions
from pnpm_lib.briefs import impact
from pnpm_lib.briefs.impact import Evidence, Findings, Region, RegionIndex
from pnpm_lib.errors import ConfigError
from pnpm_lib.evaluation import charts
from pnpm_lib.evaluation.data import Sample, load_sample, with_parent_codes
from pnpm_lib.plots import Chart

PART_SUFFIX = ".part.pkl"


@dataclass(frozen=True)
class Part:
    """Everything one brief shows that depends on the data."""

    where: Region
    evidence: Evidence
    score: RegionIndex | None  # None: no village table, or the region has no scored villages
    villages: bool  # a village table was read
    synthetic: bool
    source: str
    key: str  # hash of the rows and index figures this brief reads: the footer's "input data hash"
    chart: Chart | None = None  # the headline estimate's effect chart (None: no estimate to chart)


@dataclass
class Areas:
    """One loaded sample split by area once; findings per area and index per level computed once."""

    full: Sample
    draws: int = 1000
    _rows: dict[tuple[str, str], np.ndarray] = field(default_factory=dict)
    _found: dict[tuple, tuple[Findings, Sample]] = field(default_factory=dict)
    _indexes: dict[str, impact.IndexTable | None] = field(default_factory=dict)
    _charts: dict[tuple, Chart] = field(default_factory=dict)
    _row_hash: np.ndarray | None = None

    def __post_init__(self) -> None:
        hh = _contiguous(with_parent_codes(self.full.households))
        self.full = Sample(hh, self.full.villages, self.full.synthetic, self.full.source, self.full.rounds,
                           self.full.seed)
        for level in ("kecamatan", "kabupaten", "province"):
            column = impact.LEVELS[level]
            for code, rows in hh.groupby(column, sort=False).indices.items():
                self._rows[(level, str(code))] = np.asarray(rows)

    def known(self, area: Region) -> bool:
        """Whether a kabupaten or kecamatan appears in the data (households or villages); a province always does.

        Every 2010 province is a real place a brief can speak of with a wider estimate; a kabupaten or kecamatan
        code that is in neither table is a typo or another data set's region (``3399`` rendered as a brief).
        """
        if area.level not in ("kabupaten", "kecamatan") or len(self.rows(area)):
            return True
        villages = self.full.villages
        return villages is not None and bool((villages["kecamatan_code"].astype("string").str[:len(area.code)]
                                              == area.code).any())

    def rows(self, area: Region) -> np.ndarray:
        """Positions of the area's household rows (none when it is outside the sample)."""
        if area.level == "all":
            return np.arange(len(self.full.households))
        if area.level == "island":
            provinces = regions.island_provinces(area.code)
            parts = [r for (lv, code), r in self._rows.items() if lv == "province" and code in provinces]
            return np.sort(np.concatenate(parts)) if parts else np.array([], dtype=int)
        return self._rows.get((area.level, area.code), np.array([], dtype=int))

    def sample(self, area: Region) -> Sample:
        full = self.full
        return Sample(full.households.iloc[self.rows(area)], None, full.synthetic,
                      f"{full.source}; {area.level} {area.code}", full.rounds, full.seed)

    def findings(self, area: Region, min_cell: int, lang: str) -> tuple[Findings, Sample]:
        memo = (area.level, area.code, min_cell, lang)
        if memo not in self._found:
            sample = self.sample(area)
            self._found[memo] = (impact.findings(sample, area, min_cell, lang), sample)
        return self._found[memo]

    def evidence(self, where: Region, min_cell: int, lang: str) -> tuple[Evidence, list[Region]]:
        """The evidence walk (module-level :func:`evidence`), and the areas it looked at."""
        local, _ = self.findings(where, min_cell, lang)
        walked = [where]
        for area in [where, *impact.enclosing(where)]:
            found, _ = self.findings(area, min_cell, lang)
            if area != where:
                walked.append(area)
            if found.informative:
                return Evidence(where, local, self.with_mde(area, min_cell, lang)), walked
        return Evidence(where, local, None), walked

    def with_mde(self, area: Region, min_cell: int, lang: str) -> Findings:
        """An informative area's findings with their MDEs (once per area: many briefs lead with the same)."""
        memo = ("mde", area.level, area.code, min_cell, lang)
        if memo not in self._found:
            found, sample = self.findings(area, min_cell, lang)
            self._found[memo] = (impact.with_mde(found), sample)
        return self._found[memo][0]

    def score(self, where: Region) -> RegionIndex | None:
        villages = self.full.villages
        if villages is None or where.level not in impact.LEVELS:
            return None
        if where.level not in self._indexes:
            self._indexes[where.level] = impact.index_table(villages, where.level, self.draws)
        table = self._indexes[where.level]
        return None if table is None else impact.score_of(table, where.code)

    def area_hash(self, area: Region) -> bytes:
        if self._row_hash is None:
            self._row_hash = pd.util.hash_pandas_object(self.full.households, index=False).to_numpy()
        return hashlib.sha256(self._row_hash[self.rows(area)].tobytes()).digest()

    def chart(self, best: Findings | None, lang: str) -> Chart | None:
        """The effect chart of the estimate a brief shows, drawn once per estimate area and language: the
        kecamatan briefs of a kabupaten that lead with its estimate show the same chart (a third of a brief's
        cost when each kernel drew its own)."""
        headline = None if best is None else best.row(impact.HEADLINE)
        if best is None or headline is None:
            return None
        memo = (best.area.level, best.area.code, lang, self.full.synthetic, repr(sorted(headline.items())))
        if memo not in self._charts:
            self._charts[memo] = charts.effect_bars(headline, "consumption", lang, self.full.synthetic)
        return self._charts[memo]

    def part(self, where: Region, min_cell: int, lang: str) -> Part:
        ev, walked = self.evidence(where, min_cell, lang)
        score = self.score(where)
        h = hashlib.sha256()
        for area in walked:
            h.update(f"{area.level}:{area.code}".encode())
            h.update(self.area_hash(area))
        h.update(repr(shown_figures(score)).encode())
        h.update(f"{self.full.synthetic}|{self.full.villages is not None}".encode())
        return Part(where, ev, score, self.full.villages is not None, self.full.synthetic, self.full.source,
                    h.hexdigest()[:12], self.chart(ev.best, lang))


def _contiguous(frame: pd.DataFrame) -> pd.DataFrame:
    """Arrow-backed text columns rebuilt in one piece, same dtype and values: a parquet file reads in chunks
    (15 for the national file), and taking one area's rows from chunked text cost 2.4 ms a column, 16 ms an
    area (0.05 ms in one piece) — paid for each of 7,000 kecamatan."""
    out = frame.copy(deep=False)
    for column in frame.columns:
        dtype = frame[column].dtype
        if isinstance(dtype, pd.StringDtype) and dtype.storage == "pyarrow":
            out[column] = pd.Series(frame[column].to_numpy(), index=frame.index, name=column, dtype=dtype)
    return out


def shown_figures(score: RegionIndex | None) -> tuple | None:
    """The index figures as a brief prints them (rounded): a change below print precision is no change."""
    if score is None:
        return None
    return (round(score.index, 1), score.rank, score.rank_low, score.rank_high, score.units, score.year,
            score.draws, *(round(100 * v, 0) if v == v else None
                           for v in (score.women, score.women_all, score.mkp, score.mkp_all)))


def evidence(full: Sample, where: Region, min_cell: int = 10, lang: str = "id") -> Evidence:
    """Walk from the region outwards to the first area whose headline estimate can be published."""
    return Areas(full).evidence(where, min_cell, lang)[0]


def single(data_path: str, village_path: str, seed: int, region_level: str, region: str, min_cell: int,
           lang: str) -> Part:
    """One brief's part, computed in its own kernel (the brief run outside a batch)."""
    full = load_sample(data_path, village_path, seed)
    where = impact.region(region_level, region, synthetic=full.synthetic)
    return Areas(full).part(where, min_cell, lang)


def parts(jobs: list[tuple[str, dict]], workers: int = 1) -> dict[str, Part]:
    """Parts for many briefs (``jobs``: name and parameters); briefs reading the same files share one load.

    With ``workers`` > 1 the briefs are shared out by province among forked processes, which inherit the
    loaded data, its split and the indexes (computed first, once); a province's briefs lean on the same
    kabupaten and province estimates, so each is still computed once.
    """
    groups: dict[tuple, list[tuple[str, dict]]] = {}
    for name, params in jobs:
        source = (params.get("data_path", ""), params.get("village_path", ""), int(params.get("seed", 2007)))
        groups.setdefault(source, []).append((name, params))
    out: dict[str, Part] = {}
    for (data_path, village_path, seed), members in groups.items():
        areas = Areas(load_sample(data_path, village_path, seed))
        by_province: dict[str, list[tuple[str, dict]]] = {}
        for name, params in members:
            where = _where(areas, params)
            if not areas.known(where):
                raise ConfigError(f"region {where.code!r}: no {where.level} with this code in the data "
                                  f"({data_path or 'the synthetic panel'}); check the code or the data file")
            by_province.setdefault(where.province, []).append((name, params))
        if workers > 1 and len(by_province) > 1:
            out |= _in_processes(areas, list(by_province.values()), workers)
        else:
            out |= _parts_of(areas, members)
    return out


def _where(areas: Areas, params: dict) -> Region:
    return impact.region(str(params["region_level"]), str(params["region"]), synthetic=areas.full.synthetic)


def _parts_of(areas: Areas, members: list[tuple[str, dict]]) -> dict[str, Part]:
    return {name: areas.part(_where(areas, params), int(params.get("min_cell", 10)), str(params.get("lang", "id")))
            for name, params in members}


_SHARED: Areas | None = None
"""The loaded areas a forked preparing process inherits (set just before the fork)."""


def _in_processes(areas: Areas, chunks: list[list[tuple[str, dict]]], workers: int) -> dict[str, Part]:
    """Chunks shared out among forked processes; if one of them dies, what is missing is computed here."""
    global _SHARED
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool
    from multiprocessing import get_context

    from pnpm_lib.briefs.stop import die_with_parent

    areas.area_hash(impact.Region("all", "all"))  # the row hashes, and each level's index: once, inherited
    for level in {_where(areas, params).level for chunk in chunks for _, params in chunk}:
        areas.score(impact.Region(level, ""))
    _SHARED = areas
    out: dict[str, Part] = {}
    try:
        with ProcessPoolExecutor(workers, mp_context=get_context("fork"), initializer=die_with_parent,
                                 initargs=(os.getpid(),)) as pool:
            for done in pool.map(_chunk, sorted(chunks, key=len, reverse=True)):
                out |= done
    except BrokenProcessPool:  # a preparing process was killed (out of memory, say): slower, nothing lost
        out |= _parts_of(areas, [member for chunk in chunks for member in chunk if member[0] not in out])
    finally:
        _SHARED = None
    return out


def _chunk(members: list[tuple[str, dict]]) -> dict[str, Part]:
    assert _SHARED is not None
    return _parts_of(_SHARED, members)


def write(part: Part, folder: Path, name: str) -> Path:
    """The part as a file for its brief's kernel (inside the output folder; the batch removes it after)."""
    from pnpm_lib.atomic import write_atomic

    path = folder / f"{name}{PART_SUFFIX}"
    write_atomic(path, pickle.dumps(part, protocol=pickle.HIGHEST_PROTOCOL))
    return path


def read(path: str) -> Part:
    """A part the batch prepared for this brief (a file it wrote itself, inside its output folder)."""
    with open(path, "rb") as fh:
        part = pickle.load(fh)  # written by this run itself (runner.with_part_files)
    if not isinstance(part, Part):
        raise TypeError(f"{path} is not a prepared brief part")
    return part
