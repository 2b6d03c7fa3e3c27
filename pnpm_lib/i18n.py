"""Indonesian-first user-facing strings, with English beside them.

Every string a notebook or brief shows lives here (or in ``program``), so a
``lang`` parameter switches all text and a test can check that no key is
missing a translation.
"""

from __future__ import annotations

from typing import Literal

Lang = Literal["id", "en"]
LANGS: tuple[str, ...] = ("id", "en")

STRINGS: dict[str, dict[str, str]] = {
    # concept notebook 01
    "concept.title": {
        "id": "Mengenal PNPM Mandiri",
        "en": "Getting to know PNPM Mandiri",
    },
    "concept.objectives": {
        "id": "Setelah sesi ini peserta dapat: (1) menjelaskan apa itu PNPM Mandiri; "
        "(2) menjelaskan arti pemberdayaan masyarakat; (3) menyebutkan tujuan umum dan "
        "tujuh tujuan khusus; (4) membaca tren kemiskinan nasional 2006–2014.",
        "en": "After this session participants can: (1) explain what PNPM Mandiri is; "
        "(2) explain what community empowerment means; (3) name the general goal and the "
        "seven specific goals; (4) read the national poverty trend 2006–2014.",
    },
    "concept.not_js": {
        "id": "Catatan: PNPM di sini adalah program pemerintah Indonesia, bukan "
        "pengelola paket JavaScript bernama pnpm.",
        "en": "Note: PNPM here is the Indonesian government programme, not the "
        "JavaScript package manager called pnpm.",
    },
    "concept.definition": {"id": "Pengertian PNPM Mandiri", "en": "What PNPM Mandiri is"},
    "concept.empowerment": {
        "id": "Pemberdayaan masyarakat",
        "en": "Community empowerment",
    },
    "concept.general_goal": {"id": "Tujuan umum", "en": "General goal"},
    "concept.specific_goals": {"id": "Tujuan khusus", "en": "Specific goals"},
    "concept.components": {
        "id": "Komponen PNPM Mandiri dan jumlah kecamatan (TA 2012)",
        "en": "PNPM Mandiri components and kecamatan covered (2012)",
    },
    "concept.trend": {
        "id": "Kemiskinan nasional 2006–2014 dan masa PNPM Mandiri",
        "en": "National poverty 2006–2014 and the PNPM Mandiri years",
    },
    "concept.trend_reading": {
        "id": "Tingkat kemiskinan turun dari {first:.2f}% ({first_period}) menjadi "
        "{last:.2f}% ({last_period}). Grafik ini tidak membuktikan dampak PNPM: banyak "
        "hal lain ikut berubah. Dampak diukur dengan evaluasi yang punya kelompok "
        "pembanding.",
        "en": "The poverty rate fell from {first:.2f}% ({first_period}) to {last:.2f}% "
        "({last_period}). The chart does not prove an effect of PNPM: much else changed "
        "too. Impact is measured by evaluations with a comparison group.",
    },
    "concept.discuss": {
        "id": "Diskusi: tujuan khusus mana yang paling terlihat di desa Anda? "
        "Bagaimana Anda akan mengukurnya?",
        "en": "Discuss: which specific goal is most visible in your village? "
        "How would you measure it?",
    },
    # charts
    "chart.year": {"id": "Tahun", "en": "Year"},
    "chart.poverty_rate": {
        "id": "Penduduk miskin (% penduduk)",
        "en": "Poor population (% of population)",
    },
    "chart.pnpm_span": {"id": "Masa PNPM Mandiri (2007–2014)", "en": "PNPM Mandiri years (2007–2014)"},
    "chart.national_march": {"id": "Nasional, Maret", "en": "National, March"},
    "chart.national_sept": {"id": "Nasional, September", "en": "National, September"},
    "chart.national_2010": {"id": "Nasional Maret 2010: {rate:.2f}%", "en": "National, March 2010: {rate:.2f}%"},
    "chart.source_bps": {
        "id": "Sumber: BPS (Susenas), melalui salinan sekunder (R2); rincian di bagian Sumber data.",
        "en": "Source: BPS (Susenas), via secondary copies (R2); details under Data sources.",
    },
    "chart.province_title": {
        "id": "Tingkat kemiskinan provinsi, 2010",
        "en": "Provincial poverty rate, 2010",
    },
    # provincial brief
    "brief.title": {
        "id": "Seberapa miskin {name} dibanding provinsi lain?",
        "en": "How poor is {name} compared with other provinces?",
    },
    "brief.key_message": {
        "id": "Pada 2010, {pct:.2f}% penduduk {name} tergolong miskin — {diff:.2f} poin "
        "persen {direction} rata-rata nasional ({national:.2f}%), peringkat {rank} dari "
        "{n} provinsi (1 = paling miskin).",
        "en": "In 2010, {pct:.2f}% of people in {name} were poor — {diff:.2f} percentage "
        "points {direction} the national rate ({national:.2f}%), rank {rank} of {n} "
        "provinces (1 = poorest).",
    },
    "brief.above": {"id": "di atas", "en": "above"},
    "brief.below": {"id": "di bawah", "en": "below"},
    "brief.equal": {"id": "sama dengan", "en": "equal to"},
    "brief.compare_heading": {
        "id": "{name} di antara 33 provinsi",
        "en": "{name} among the 33 provinces",
    },
    "brief.trend_heading": {
        "id": "Tren kemiskinan nasional selama PNPM Mandiri",
        "en": "National poverty trend during PNPM Mandiri",
    },
    "brief.context": {
        "id": "PNPM Mandiri (2007–2014) adalah program nasional penanggulangan "
        "kemiskinan berbasis pemberdayaan masyarakat. Angka di sini adalah statistik "
        "resmi BPS, bukan perkiraan dampak program.",
        "en": "PNPM Mandiri (2007–2014) was Indonesia's national poverty-reduction "
        "programme based on community empowerment. The figures here are official BPS "
        "statistics, not estimates of the programme's impact.",
    },
    "brief.sources_heading": {"id": "Sumber data", "en": "Data sources"},
    "brief.confidence_note": {
        "id": "Kode keyakinan: R1 = dibaca di sumber resmi/primer; R2 = dibaca di salinan "
        "sekunder (mis. berita yang mengutip BPS).",
        "en": "Confidence codes: R1 = read in an official or primary source; R2 = read in "
        "a secondary copy (e.g. news quoting BPS).",
    },
    "brief.footer": {
        "id": "Dibuat dengan pnpm_lib {version}; parameter: {params}; hash data: {data_hash}.",
        "en": "Made with pnpm_lib {version}; parameters: {params}; data hash: {data_hash}.",
    },
    # evaluation (notebook 03 and evaluation briefs)
    "eval.synthetic_stamp": {"id": "DATA SINTETIS", "en": "SYNTHETIC DATA"},
    "eval.chart.control": {"id": "Pembanding\n(N = {n:,})", "en": "Comparison\n(N = {n:,})"},
    "eval.chart.treatment": {"id": "Pembanding + dampak\n(N perlakuan = {n:,})",
                             "en": "Comparison + effect\n(treatment N = {n:,})"},
    "eval.chart.effect_title": {
        "id": "Dampak (DiD): {effect:+.3f}  [IK 95%: {low:+.3f} s.d. {high:+.3f}]",
        "en": "Effect (DiD): {effect:+.3f}  [95% CI: {low:+.3f} to {high:+.3f}]",
    },
    "eval.chart.effect_caption": {
        "id": "Batang: rata-rata kelompok pembanding pada survei lanjutan, dan rata-rata itu ditambah "
        "dampak DiD. Garis: IK 95%, SE dikelompokkan per kecamatan ({clusters} klaster).",
        "en": "Bars: comparison-group mean at follow-up, and that mean plus the DiD effect. "
        "Line: 95% CI, SEs clustered by kecamatan ({clusters} clusters).",
    },
    "eval.chart.event_x": {"id": "Tahun relatif terhadap masuknya PNPM (−1 = acuan)",
                           "en": "Years relative to PNPM entry (−1 = reference)"},
    "eval.chart.event_title": {
        "id": "Uji tren sebelum program: F = {f:.2f}, p = {p:.3f}",
        "en": "Pre-trend test: F = {f:.2f}, p = {p:.3f}",
    },
    "eval.chart.event_caption": {
        "id": "Estimator Sun–Abraham (kohort × tahun relatif, pembanding: tidak pernah ikut); pita: "
        "IK 95%, SE dikelompokkan per kecamatan ({clusters} klaster).",
        "en": "Sun–Abraham estimator (cohort × relative year, never-treated comparison); band: 95% CI, "
        "SEs clustered by kecamatan ({clusters} clusters).",
    },
    # index page
    "index.title": {"id": "Ringkasan provinsi PNPM Mandiri", "en": "PNPM Mandiri provincial briefs"},
    "index.region": {"id": "Wilayah", "en": "Region"},
    "index.status": {"id": "Status", "en": "Status"},
    "index.seconds": {"id": "Detik", "en": "Seconds"},
    "index.error": {"id": "Galat", "en": "Error"},
}


def check_lang(lang: str) -> str:
    """Return ``lang`` if supported, else raise ValueError naming the choices."""
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}; choose one of: {', '.join(LANGS)}")
    return lang


def t(key: str, lang: str = "id", **fields: object) -> str:
    """Translate ``key`` into ``lang`` and fill ``{fields}``."""
    check_lang(lang)
    try:
        entry = STRINGS[key]
    except KeyError:
        raise KeyError(f"no text for key {key!r}") from None
    return entry[lang].format(**fields) if fields else entry[lang]
