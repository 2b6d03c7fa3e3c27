"""The PNPM Perdesaan project cycle and its institutions, as data with sources and confidence.

Only stages read in a source ship here (pnpm-facts §1.3–1.4, R1/R2). The
facts note that the *full* order between verification and accountability is
assembled partly from memory (§6); those memory-only stages (Musdes Informasi
Hasil MAD, Rapat Persiapan, Musdes Serah Terima, pelestarian) are left out, and
``ORDER_NOTE`` says so wherever the cycle is shown.
"""

from __future__ import annotations

from dataclasses import dataclass

from pnpm_lib import fmt
from pnpm_lib.i18n import Lang, t
from pnpm_lib.plots import Chart
from pnpm_lib.program import Text

SOURCE_MAD = "pnpmmandiri-perdesaan.blogspot.com/2012/07/mad-sosialisasi.html (pnpm-facts §1.4)"
SOURCE_MKP = "musyawarah-s.blogspot.com/2010/11/musyawarah-khusus-perempuan.html (pnpm-facts §1.4)"
SOURCE_PTO = "USU thesis quoting the PTO, text-id.123dok.com/document/6zkw30v1z (pnpm-facts §1.4)"


@dataclass(frozen=True)
class Stage:
    number: int
    name: str  # the programme's own term
    who: Text
    decides: Text
    source: str
    confidence: str


STAGES = (
    Stage(1, "MAD Sosialisasi", Text("Forum antar-desa (MAD)", "Inter-village forum (MAD)"),
          Text("Menyebarkan aturan program; memilih ketua dan sekretaris MAD; menyepakati sanksi dan jadwal "
               "Musdes Sosialisasi, pelatihan KPMD dan MAD Prioritas Usulan.",
               "Spreads the programme rules; elects the MAD chair and secretary; agrees sanctions and the "
               "schedule of Musdes Sosialisasi, KPMD training and MAD Prioritas Usulan."), SOURCE_MAD, "R2"),
    Stage(2, "Musdes Sosialisasi", Text("Warga desa, KPMD", "Villagers, KPMD"),
          Text("Sosialisasi di desa, lalu pelatihan KPMD.", "Village socialisation, then KPMD training."),
          SOURCE_MAD, "R2"),
    Stage(3, "Penggalian gagasan", Text("Warga di dusun atau kelompok", "Residents in hamlet or group meetings"),
          Text("Menggali gagasan kegiatan dari bawah.", "Gathers activity ideas from below."), SOURCE_MAD, "R2"),
    Stage(4, "MKP (Musyawarah Khusus Perempuan)", Text("Hanya perempuan; KPMD perempuan dan FK",
                                                       "Women only; a female KPMD and the FK"),
          Text("Menetapkan usulan perempuan dan usulan SPP (kelompok aktif ≥ 1 tahun); memilih wakil perempuan "
               "ke MAD Prioritas Usulan dan penulisan usulan.",
               "Sets women's proposals and SPP proposals (active groups ≥ 1 year); elects women representatives "
               "to the MAD Prioritas Usulan and to proposal writing."), SOURCE_MKP, "R2"),
    Stage(5, "Musdes Perencanaan", Text("Musyawarah desa", "Village meeting"),
          Text("Mengesahkan usulan MKP dan menetapkan usulan desa; menunjuk enam wakil desa ke MAD; membentuk TPK.",
               "Ratifies the MKP proposals and sets the village proposals; names six village representatives to "
               "the MAD; sets up the TPK."), SOURCE_PTO, "R2"),
    Stage(6, "Penulisan usulan", Text("TPU (Tim Penulis Usulan)", "TPU (proposal-writing team)"),
          Text("Menulis usulan desa.", "Writes the village proposals."), SOURCE_PTO, "R2"),
    Stage(7, "Verifikasi", Text("Tim Verifikasi", "Verification team"),
          Text("Memeriksa kelayakan usulan.", "Checks that proposals are feasible."), SOURCE_PTO, "R2"),
    Stage(8, "MAD Prioritas Usulan", Text("Wakil desa di MAD", "Village representatives in the MAD"),
          Text("Memeringkat usulan antar-desa.", "Ranks proposals across villages."), SOURCE_PTO, "R2"),
    Stage(9, "MAD Penetapan Usulan", Text("Wakil desa di MAD", "Village representatives in the MAD"),
          Text("Alokasi kompetitif: usulan didanai menurut peringkat sampai BLM habis.",
               "Competitive allocation: proposals funded in rank order until the BLM runs out."), SOURCE_PTO, "R2"),
    Stage(10, "Pelaksanaan (swakelola)", Text("TPK", "TPK (activity management team)"),
          Text("Melaksanakan kegiatan secara swakelola.", "Carries out the activities itself."), SOURCE_PTO, "R2"),
    Stage(11, "Musdes Pertanggungjawaban", Text("Musyawarah desa", "Village meeting"),
          Text("Pertanggungjawaban penggunaan dana kepada warga.", "Accounts to villagers for the money spent."),
          SOURCE_PTO, "R2"),
)

REMEMBERED_STAGES = ("Musdes Informasi Hasil MAD", "Rapat Persiapan", "Musdes Serah Terima", "pelestarian")
"""Stages known only from memory of the PTO (pnpm-facts §6): named in ``ORDER_NOTE``, never shipped as stages."""

ORDER_NOTE = Text(
    "Urutan tahap 6–11 dirangkai dari beberapa sumber sekunder; tahap yang hanya diingat (Musdes Informasi "
    "Hasil MAD, Rapat Persiapan, Musdes Serah Terima, pelestarian) tidak ditampilkan.",
    "The order of stages 6–11 is assembled from several secondary sources; stages known only from memory "
    "(Musdes Informasi Hasil MAD, Rapat Persiapan, Musdes Serah Terima, pelestarian) are not shown.",
)

@dataclass(frozen=True)
class Level:
    level: Text
    actors: Text


INSTITUTIONS = (
    Level(Text("Desa", "Desa (village)"), Text("Kepala Desa, BPD, TPK, TPU, KPMD", "Kepala Desa, BPD, TPK, TPU, KPMD")),
    Level(Text("Kecamatan", "Kecamatan (sub-district)"),
          Text("Camat/PjOK, UPK, BP-UPK, BKAD, PL, Fasilitator Kecamatan, Tim Verifikasi, MAD",
               "Camat/PjOK, UPK, BP-UPK, BKAD, PL, Fasilitator Kecamatan (FK), Tim Verifikasi, MAD")),
    Level(Text("Kelompok", "Groups"), Text("SPP (perempuan), UEP", "SPP (women), UEP")),
    Level(Text("Perkotaan (P2KP)", "Urban (P2KP)"),
          Text("BKM/LKM, KSM, relawan; PJM Pronangkis", "BKM/LKM, KSM, volunteers; PJM Pronangkis")),
)
"""Actors by level (pnpm-facts §1.3, R2; PTO Penjelasan V; Pedoman Pelaksanaan PNPM Mandiri Perkotaan)."""


def cycle_diagram(lang: Lang = "id") -> Chart:
    """The cycle drawn as a loop of numbered boxes, generated from ``STAGES`` (never drawn by hand)."""
    import numpy as np
    from matplotlib.figure import Figure

    fig = Figure(figsize=(8, 5.2), layout="constrained")
    ax = fig.add_subplot()
    angles = np.pi / 2 - 2 * np.pi * np.arange(len(STAGES)) / len(STAGES)
    xy = np.column_stack([np.cos(angles), np.sin(angles)])
    for (x, y), stage in zip(xy, STAGES, strict=True):  # boxes outside the loop, growing outwards
        side = "left" if x > 0.2 else "right" if x < -0.2 else "center"
        ax.text(0.86 * x, 0.86 * y, f"{stage.number}. {stage.name}", ha=side, va="center", fontsize=8,
                bbox={"boxstyle": "round,pad=0.4", "facecolor": "#eef6f3", "edgecolor": "#1b7f5b"})
    for i in range(len(STAGES)):
        start, end = xy[i] * 0.7, xy[(i + 1) % len(STAGES)] * 0.7
        ax.annotate("", end, start, arrowprops={"arrowstyle": "->", "color": "#52606d", "shrinkA": 4,
                                                 "shrinkB": 4})
    ax.set_xlim(-2.3, 2.3)
    ax.set_ylim(-1.05, 1.05)
    ax.axis("off")
    ax.set_title(t("cycle.title", lang), fontsize=10)
    names = fmt.join([f"{s.number}. {s.name}" for s in STAGES], lang)
    return Chart(fig, t("cycle.alt", lang, n=len(STAGES), stages=names))
