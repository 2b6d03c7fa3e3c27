"""Indonesian-first user-facing strings, with English beside them.

Every string a notebook or brief shows lives here (or in ``program``), so a
``lang`` parameter switches all text and a test can check that no key is
missing a translation.
"""

from __future__ import annotations

import numbers
import string
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
    "chart.source_bps": {
        "id": "Sumber: BPS (Susenas), melalui salinan sekunder (R2); rincian di bagian Sumber data.",
        "en": "Source: BPS (Susenas), via secondary copies (R2); details under Data sources.",
    },
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
    "eval.title": {"id": "Apakah PNPM Perdesaan menaikkan kesejahteraan rumah tangga?",
                   "en": "Did PNPM Rural raise household welfare?"},
    "eval.synthetic_banner": {
        "id": "PERHATIAN: semua angka di halaman ini berasal dari DATA SINTETIS dengan dampak yang "
        "ditanam (bukan hasil PNPM yang sebenarnya). Gunakan untuk latihan dan pengujian metode.",
        "en": "NOTE: every number on this page comes from SYNTHETIC DATA with planted effects (not real "
        "PNPM results). Use it for training and for testing methods.",
    },
    "eval.source": {"id": "Sumber data: {source}.", "en": "Data source: {source}."},
    "eval.objectives": {
        "id": "Susunan mengikuti evaluasi dampak PNPM Perdesaan (Voss 2012): desain dan keseimbangan → "
        "konsumsi → transisi kemiskinan → rawat jalan → transisi sekolah → pekerjaan → partisipasi dan "
        "tata kelola, lalu peluncuran bertahap (event study) dan kekuatan statistik.",
        "en": "The structure follows the PNPM Rural impact evaluation (Voss 2012): design and balance → "
        "consumption → poverty transitions → outpatient care → school transition → employment → "
        "participation and governance, then staggered roll-out (event study) and statistical power.",
    },
    "eval.h.design": {"id": "1. Desain dan keseimbangan awal", "en": "1. Design and baseline balance"},
    "eval.design": {
        "id": "Perbandingan: {n_hh:,} rumah tangga di {n_kec} kecamatan ({n_treat} kecamatan perlakuan, "
        "{n_control} pembanding yang masuk PNPM belakangan), survei putaran {first} (awal) dan {last} "
        "(lanjutan). Dampak diukur dengan selisih-dalam-selisih (DiD); galat baku dikelompokkan per "
        "kecamatan, unit penetapan program.",
        "en": "Comparison: {n_hh:,} households in {n_kec} kecamatan ({n_treat} treatment kecamatan, "
        "{n_control} comparison kecamatan that entered PNPM later), survey rounds {first} (baseline) and "
        "{last} (follow-up). Effects are difference-in-differences (DiD); standard errors are clustered "
        "by kecamatan, the unit of programme assignment.",
    },
    "eval.balance_note": {
        "id": "Rata-rata awal (SE) per kelompok; selisih dari regresi dengan SE per kecamatan; selisih "
        "ternormalisasi = selisih / akar rata-rata varians (|nd| > 0,25 patut diwaspadai). Uji F gabungan "
        "(perlakuan diregresikan pada semua variabel): F = {f:.2f}, p = {p:.3f}, N = {n:,}.",
        "en": "Baseline means (SE) by arm; difference from a regression with SEs clustered by kecamatan; "
        "normalized difference = difference / sqrt(mean variance) (|nd| > 0.25 is a warning sign). Joint "
        "F-test (treatment regressed on all variables): F = {f:.2f}, p = {p:.3f}, N = {n:,}.",
    },
    "eval.did_note": {
        "id": "Kolom: rata-rata awal dan perubahan (SE) tiap kelompok; DiD = koefisien perlakuan × "
        "lanjutan. SE dikelompokkan per kecamatan (CRV1, koreksi sampel kecil seperti Stata); IK 95% "
        "memakai t(G−1). N / klaster = sampel regresi DiD. Subkelompok dengan kurang dari 2 klaster "
        "tidak diestimasi.",
        "en": "Columns: baseline mean and change (SE) in each arm; DiD = the treatment × follow-up "
        "coefficient. SEs clustered by kecamatan (CRV1, Stata's small-sample correction); 95% CIs use "
        "t(G−1). N / clusters = the DiD regression sample. Subgroups with fewer than 2 clusters are not "
        "estimated.",
    },
    "eval.h.consumption": {"id": "2. Konsumsi per kapita", "en": "2. Per-capita consumption"},
    "eval.consumption_sentence": {
        "id": "Konsumsi riil per kapita naik {pct:.1f}% lebih cepat di kecamatan PNPM (IK 95%: {low:.1f}% "
        "s.d. {high:.1f}%; {clusters} klaster).",
        "en": "Real per-capita consumption grew {pct:.1f}% faster in PNPM kecamatan (95% CI: {low:.1f}% to "
        "{high:.1f}%; {clusters} clusters).",
    },
    "eval.h.transitions": {"id": "3. Keluar dan masuk kemiskinan", "en": "3. Moving out of and into poverty"},
    "eval.transitions_note": {
        "id": "Keluar: di antara rumah tangga miskin pada awal, proporsi yang tidak miskin pada lanjutan. "
        "Masuk: di antara yang tidak miskin pada awal, proporsi yang miskin pada lanjutan. Selisih "
        "perlakuan − pembanding, SE per kecamatan.",
        "en": "Exit: among households poor at baseline, the share not poor at follow-up. Entry: among "
        "those not poor at baseline, the share poor at follow-up. Treatment − comparison difference, SEs "
        "clustered by kecamatan.",
    },
    "eval.h.outpatient": {"id": "4. Rawat jalan", "en": "4. Outpatient care"},
    "eval.h.school": {"id": "5. Transisi SD ke SMP", "en": "5. Primary to lower-secondary transition"},
    "eval.h.employment": {"id": "6. Pekerjaan", "en": "6. Employment"},
    "eval.h.participation": {"id": "7. Partisipasi dan tata kelola desa",
                             "en": "7. Village participation and governance"},
    "eval.pp_sentence": {
        "id": "{outcome}: {pp:+.1f} poin persen (IK 95%: {low:+.1f} s.d. {high:+.1f}).",
        "en": "{outcome}: {pp:+.1f} percentage points (95% CI: {low:+.1f} to {high:+.1f}).",
    },
    "eval.no_villages": {
        "id": "Tidak ada tabel desa (parameter village_path kosong untuk data pengguna); bagian ini dilewati.",
        "en": "No village table (village_path is empty for user data); this section is skipped.",
    },
    "eval.h.event": {"id": "8. Peluncuran bertahap: event study", "en": "8. Staggered roll-out: event study"},
    "eval.event_intro": {
        "id": "Ketika kecamatan masuk bertahap, regresi efek tetap dua arah biasa bisa bias. Estimator "
        "Sun–Abraham membandingkan setiap kohort masuk dengan kecamatan yang tidak pernah ikut. Data: {source}.",
        "en": "When kecamatan enter in waves, a plain two-way fixed-effects regression can be biased. The "
        "Sun–Abraham estimator compares each entry cohort with never-treated kecamatan. Data: {source}.",
    },
    "eval.event_att": {
        "id": "Rata-rata dampak setelah masuk: {est:.3f} (IK 95%: {low:.3f} s.d. {high:.3f}); uji tren "
        "sebelum program F = {f:.2f}, p = {p:.3f}.",
        "en": "Average effect after entry: {est:.3f} (95% CI: {low:.3f} to {high:.3f}); pre-trend test "
        "F = {f:.2f}, p = {p:.3f}.",
    },
    "eval.event_skipped": {
        "id": "Data pengguna hanya punya {rounds} putaran; event study butuh minimal 3 dan kolom cohort.",
        "en": "The user data have only {rounds} rounds; an event study needs at least 3 and a cohort column.",
    },
    "eval.h.power": {"id": "9. Kekuatan statistik desain ini", "en": "9. Statistical power of this design"},
    "eval.power_note": {
        "id": "MDE = dampak terkecil yang terdeteksi dengan kekuatan 80% dan α = 5% (dua sisi), dari ICC, "
        "SD dan ukuran klaster pada data awal, termasuk koreksi ukuran klaster tidak sama; satuan sama "
        "dengan hasil. Perbandingan satu putaran: DiD/ANCOVA dengan data awal biasanya lebih kuat.",
        "en": "MDE = the smallest effect detectable with 80% power at α = 5% (two-sided), from the "
        "baseline ICC, SD and cluster sizes, corrected for unequal cluster sizes; in the outcome's units. "
        "Single-round comparison: DiD/ANCOVA with baseline data is usually more powerful.",
    },
    "eval.h.multiple": {"id": "10. Banyak hasil sekaligus", "en": "10. Many outcomes at once"},
    "eval.multiple_note": {
        "id": "Nilai p terkoreksi Holm untuk keluarga hasil utama (semua rumah tangga), agar satu hasil "
        "'signifikan' di antara banyak uji tidak dibaca berlebihan.",
        "en": "Holm-adjusted p-values for the family of primary outcomes (all households), so that one "
        "'significant' result among many tests is not over-read.",
    },
    "eval.h.caveats": {"id": "Catatan dan batasan", "en": "Caveats"},
    "eval.caveats": {
        "id": "Identifikasi bergantung pada tren paralel: tanpa PNPM, kedua kelompok akan berubah sama. "
        "Kecamatan pembanding dipilih dengan pencocokan skor kecenderungan pada data PODES, jadi perbedaan "
        "yang tidak teramati tetap mungkin.|Atrisi: rumah tangga yang hilang pada lanjutan dikeluarkan dari "
        "DiD; N per kolom menunjukkan sampel yang dipakai.|Banyak uji: lihat nilai p terkoreksi.|"
        "Validitas eksternal: hasil berlaku untuk kecamatan dan periode sampel.",
        "en": "Identification rests on parallel trends: without PNPM both arms would have changed alike. "
        "Comparison kecamatan were chosen by propensity-score matching on PODES data, so unobserved "
        "differences remain possible.|Attrition: households missing at follow-up drop out of the DiD; each "
        "column's N shows the sample used.|Multiple testing: see the adjusted p-values.|External validity: "
        "results hold for the sampled kecamatan and period.",
    },
    "eval.footer": {
        "id": "Dibuat dengan pnpm_lib {version} (pyfixest {pyfixest}); parameter: {params}; hash data: {data_hash}.",
        "en": "Made with pnpm_lib {version} (pyfixest {pyfixest}); parameters: {params}; data hash: {data_hash}.",
    },
    "eval.results_written": {"id": "Hasil mesin-terbaca ditulis ke {path}.",
                             "en": "Machine-readable results written to {path}."},
    "eval.not_estimated": {"id": "tidak diestimasi", "en": "not estimated"},
    "eval.reference": {"id": "acuan (0)", "en": "reference (0)"},
    "eval.col.outcome": {"id": "Hasil", "en": "Outcome"},
    "eval.col.variable": {"id": "Variabel", "en": "Variable"},
    "eval.col.subgroup": {"id": "Subkelompok", "en": "Subgroup"},
    "eval.col.control_baseline": {"id": "Pembanding: awal", "en": "Comparison: baseline"},
    "eval.col.control_change": {"id": "Pembanding: perubahan", "en": "Comparison: change"},
    "eval.col.treatment_baseline": {"id": "Perlakuan: awal", "en": "Treatment: baseline"},
    "eval.col.treatment_change": {"id": "Perlakuan: perubahan", "en": "Treatment: change"},
    "eval.col.did": {"id": "DiD (SE)", "en": "DiD (SE)"},
    "eval.col.ci": {"id": "IK 95%", "en": "95% CI"},
    "eval.col.n_clusters": {"id": "N / klaster", "en": "N / clusters"},
    "eval.col.control_mean": {"id": "Pembanding (SE)", "en": "Comparison (SE)"},
    "eval.col.treatment_mean": {"id": "Perlakuan (SE)", "en": "Treatment (SE)"},
    "eval.col.difference": {"id": "Selisih (SE)", "en": "Difference (SE)"},
    "eval.col.normalized": {"id": "Selisih ternormalisasi", "en": "Normalized difference"},
    "eval.col.rel_time": {"id": "Tahun relatif", "en": "Relative year"},
    "eval.col.effect": {"id": "Dampak (SE)", "en": "Effect (SE)"},
    "eval.col.clusters": {"id": "Klaster", "en": "Clusters"},
    "eval.col.cluster_size": {"id": "Rata-rata per klaster", "en": "Mean per cluster"},
    "eval.col.mde": {"id": "MDE (80%, α = 5%)", "en": "MDE (80%, α = 5%)"},
    "eval.col.p": {"id": "p", "en": "p"},
    "eval.col.p_holm": {"id": "p (Holm)", "en": "p (Holm)"},
    "eval.subgroup.all": {"id": "Semua", "en": "All"},
    "eval.subgroup.quintile": {"id": "Kuintil konsumsi awal {q}", "en": "Baseline consumption quintile {q}"},
    "eval.subgroup.female_head.1": {"id": "KRT perempuan", "en": "Female head"},
    "eval.subgroup.female_head.0": {"id": "KRT laki-laki", "en": "Male head"},
    "eval.subgroup.poor_area.1": {"id": "Kecamatan lebih miskin", "en": "Poorer kecamatan"},
    "eval.subgroup.poor_area.0": {"id": "Kecamatan kurang miskin", "en": "Less poor kecamatan"},
    "eval.outcome.log_consumption": {"id": "Log konsumsi per kapita", "en": "Log per-capita consumption"},
    "eval.outcome.consumption_pc": {"id": "Konsumsi per kapita (Rp/bulan)", "en": "Per-capita consumption (Rp/month)"},
    "eval.outcome.poor": {"id": "Miskin", "en": "Poor"},
    "eval.outcome.exit_poverty": {"id": "Keluar dari kemiskinan", "en": "Moved out of poverty"},
    "eval.outcome.enter_poverty": {"id": "Jatuh miskin", "en": "Fell into poverty"},
    "eval.outcome.outpatient_visit": {"id": "Rawat jalan", "en": "Outpatient visit"},
    "eval.outcome.school_transition": {"id": "Transisi SD ke SMP", "en": "Primary to lower-secondary transition"},
    "eval.outcome.employed": {"id": "Kepala rumah tangga bekerja", "en": "Head employed"},
    "eval.outcome.household_size": {"id": "Jumlah anggota rumah tangga", "en": "Household size"},
    "eval.outcome.female_head": {"id": "KRT perempuan", "en": "Female head"},
    "eval.outcome.women_share": {"id": "Porsi perempuan dalam kehadiran musyawarah",
                                 "en": "Women's share of meeting attendance"},
    "eval.outcome.poor_share": {"id": "Porsi RTM dalam kehadiran musyawarah",
                                "en": "Poor households' share of meeting attendance"},
    "eval.outcome.accountability_share": {"id": "Porsi musyawarah pertanggungjawaban",
                                          "en": "Accountability meetings' share of meetings"},
    "eval.chart.rp": {"id": "Rp/kapita/bulan (rata-rata geometrik)",
                      "en": "Rp/capita/month (geometric mean)"},
    "eval.chart.share": {"id": "Proporsi", "en": "Share"},
    # index page
    "index.region": {"id": "Wilayah", "en": "Region"},
    "index.status": {"id": "Status", "en": "Status"},
    "index.seconds": {"id": "Detik", "en": "Seconds"},
    "index.error": {"id": "Galat", "en": "Error"},
    # indicator notebook 04 and its charts
    "ind.title": {"id": "Indikator pemberdayaan: tujuh tujuan khusus", "en": "Empowerment indicators: the seven specific goals"},
    "ind.region_line": {"id": "Wilayah: {region} · unit: {level} · tahun {first}–{last} · sumber: {source}",
                        "en": "Region: {region} · unit: {level} · years {first}–{last} · source: {source}"},
    "ind.objectives": {
        "id": "Setelah bagian ini pembaca dapat: (1) menyebut indikator terukur untuk tiap tujuan khusus; "
        "(2) membaca indeks pemberdayaan komposit dan ketidakpastiannya; (3) menjelaskan tujuan mana yang "
        "menggerakkan indeks; (4) menilai apakah indikator satu tujuan saling konsisten.",
        "en": "After this section readers can: (1) name measurable indicators for each specific goal; "
        "(2) read the composite empowerment index and its uncertainty; (3) say which goals moved the index; "
        "(4) judge whether a goal's indicators are consistent with each other.",
    },
    "ind.synthetic_banner": {
        "id": "DATA SINTETIS: angka di halaman ini berasal dari panel buatan (pnpm_lib.synth), bukan data program.",
        "en": "SYNTHETIC DATA: the numbers on this page come from a made-up panel (pnpm_lib.synth), not programme data.",
    },
    "ind.h.framework": {"id": "1. Kerangka indikator", "en": "1. The indicator framework"},
    "ind.framework": {
        "id": "Kerangka: {name} ({n} indikator, file {file}). Bobot tujuan dijumlah 1; ambang kecukupan "
        "adalah pilihan toolkit kecuali disebut sumbernya. Ganti `framework_path` untuk memakai kerangka Anda.",
        "en": "Framework: {name} ({n} indicators, file {file}). Goal weights sum to 1; adequacy cutoffs are "
        "toolkit defaults unless a source is named. Set `framework_path` to use your own framework.",
    },
    "ind.synthetic_columns": {
        "id": "Kolom {columns} hanya ada di panel sintetis; data MIS nyata mungkin tidak memilikinya.",
        "en": "Columns {columns} exist in the synthetic panel; real MIS extracts may not have them.",
    },
    "ind.h.adequacy": {"id": "2. Tingkat indikator per tujuan ({year})", "en": "2. Indicator levels by goal ({year})"},
    "ind.adequacy": {
        "id": "Porsi {units} yang mencapai ambang kecukupan tiap indikator: {region} dibanding semua {units}.",
        "en": "Share of {units} meeting each indicator's adequacy cutoff: {region} against all {units}.",
    },
    "ind.h.index": {"id": "3. Indeks pemberdayaan dan sumbangan tiap tujuan", "en": "3. Empowerment index and what each goal adds"},
    "ind.index": {
        "id": "Indeks 0–100: indikator dinormalisasi min–maks atas semua {units} dan tahun, dirata-rata per tujuan, "
        "lalu antar-tujuan dengan bobot kerangka. Pencilan: {treatment}.",
        "en": "Index 0–100: indicators min–max normalised over all {units} and years, averaged within each goal, "
        "then across goals with the framework's weights. Outliers: {treatment}.",
    },
    "ind.no_treatment": {"id": "tidak ada", "en": "none"},
    "ind.reading.change": {
        "id": "{arm}, {span}: indeks berubah {delta:+.1f} poin; tujuan yang paling menggerakkan adalah "
        "{goal} ({part:+.1f} poin, {share:.0%} dari perubahan).",
        "en": "{arm}, {span}: the index moved {delta:+.1f} points; the goal that moved it most is "
        "{goal} ({part:+.1f} points, {share:.0%} of the change).",
    },
    "ind.reading.flat": {
        "id": "{arm}, {span}: indeks hampir tidak berubah ({delta:+.1f} poin); gerakan tujuan terbesar adalah "
        "{goal} ({part:+.1f} poin).",
        "en": "{arm}, {span}: the index barely moved ({delta:+.1f} points); the largest goal movement is "
        "{goal} ({part:+.1f} points).",
    },
    "ind.reading.descriptive": {
        "id": "Ini perbandingan deskriptif, bukan estimasi dampak: untuk dampak lihat notebook evaluasi (03).",
        "en": "This is a descriptive comparison, not an impact estimate: for impact see the evaluation notebook (03).",
    },
    "ind.h.sensitivity": {"id": "4. Seberapa pasti peringkatnya?", "en": "4. How certain is the ranking?"},
    "ind.sensitivity": {
        "id": "{draws:,} simulasi Monte Carlo mengubah normalisasi (min–maks, z-score, peringkat), agregasi "
        "(aritmetik, geometrik) dan bobot (±25%). Rata-rata pergeseran peringkat: {shift:.1f} posisi dari {n} {units}. "
        "{wide} {units} punya rentang peringkat 5–95% lebih dari sepertiga jumlah unit: jangan menilai mereka "
        "dari peringkat tunggal.",
        "en": "{draws:,} Monte Carlo draws vary the normalisation (min–max, z-score, rank), the aggregation "
        "(arithmetic, geometric) and the weights (±25%). Mean rank shift: {shift:.1f} places out of {n} {units}. "
        "{wide} {units} have a 5–95% rank interval wider than a third of the units: do not judge them "
        "by a single rank.",
    },
    "ind.h.audit": {"id": "5. Konsistensi internal per tujuan", "en": "5. Internal consistency per goal"},
    "ind.audit": {
        "id": "Alpha Cronbach ≥ 0,7 berarti indikator satu tujuan bergerak bersama; r negatif berarti sebuah "
        "indikator menarik melawan tujuannya; r > 0,9 berarti redundan. Tujuan bertanda: {flagged}.",
        "en": "Cronbach's alpha ≥ 0.7 means a goal's indicators move together; a negative r means an indicator "
        "pulls against its goal; r > 0.9 means redundancy. Flagged goals: {flagged}.",
    },
    "ind.audit_synthetic": {
        "id": "Pada data sintetis indikator dibangkitkan hampir saling bebas, jadi alpha rendah memang diharapkan.",
        "en": "In the synthetic data the indicators are drawn almost independently, so low alphas are expected.",
    },
    "ind.h.counting": {"id": "6. Pandangan hitungan (Alkire–Foster)", "en": "6. The counting view (Alkire–Foster)"},
    "ind.counting": {
        "id": "Sebuah {unit} 'kurang berdaya' bila kekurangan pada indikator berbobot ≥ {k:.0%}. Di {region} "
        "({year}): H = {H:.1%} {units} kurang berdaya, rata-rata intensitas A = {A:.1%}, M0 = {M0:.3f}. "
        "{dropped} unit dengan indikator kosong tidak dihitung.",
        "en": "A {unit} is 'under-empowered' when deprived in weighted indicators ≥ {k:.0%}. In {region} "
        "({year}): H = {H:.1%} of {units} under-empowered, mean intensity A = {A:.1%}, M0 = {M0:.3f}. "
        "{dropped} units with a missing indicator are not counted.",
    },
    "ind.h.gender": {"id": "7. Pandangan gender (gaya WEAI)", "en": "7. Gender view (WEAI-style)"},
    "ind.gender_village": {
        "id": "Dari tabel desa: perempuan {women:.0%} dari kehadiran musyawarah dan {mkp:.0%} usulan MKP didanai "
        "({region}, {year}). Skor 5DE dan GPI memerlukan modul individu (perempuan dan laki-laki di rumah tangga "
        "yang sama); `pnpm_lib.indicators.weai.gender_view` menghitungnya. Di bawah ini contoh pada modul "
        "individu SINTETIS.",
        "en": "From the village table: women are {women:.0%} of meeting attendance and {mkp:.0%} of MKP proposals "
        "were funded ({region}, {year}). 5DE and GPI scores need an individual module (a woman and a man in the "
        "same household); `pnpm_lib.indicators.weai.gender_view` computes them. Below, an example on a "
        "SYNTHETIC individual module.",
    },
    "ind.gender_row": {
        "id": "{arm}: 5DE perempuan {w:.3f}, laki-laki {m:.3f}; GPI {gpi:.3f} ({h:.0%} perempuan tanpa paritas); "
        "WEAI {weai:.3f} ({n} rumah tangga dua-dewasa).",
        "en": "{arm}: 5DE women {w:.3f}, men {m:.3f}; GPI {gpi:.3f} ({h:.0%} of women without parity); "
        "WEAI {weai:.3f} ({n} dual-adult households).",
    },
    "ind.caveats": {
        "id": "Indeks komposit merangkum, bukan mengukur langsung: bobot dan ambang adalah pilihan. | "
        "Perbandingan antar-tahun dan antar-kelompok di sini deskriptif, bukan dampak kausal. | "
        "Ambang kecukupan adalah pilihan toolkit kecuali disebut sumbernya.",
        "en": "A composite index summarises, it does not measure directly: weights and cutoffs are choices. | "
        "Comparisons across years and groups here are descriptive, not causal effects. | "
        "Adequacy cutoffs are toolkit defaults unless a source is named.",
    },
    "ind.h.caveats": {"id": "Catatan", "en": "Caveats"},
    "ind.footer": {
        "id": "Dibuat dengan pnpm_lib {version}; parameter: {params}; kerangka: {framework}; hash data: {data_hash}.",
        "en": "Made with pnpm_lib {version}; parameters: {params}; framework: {framework}; data hash: {data_hash}.",
    },
    "ind.all_regions": {"id": "semua provinsi", "en": "all provinces"},
    "ind.arm.pnpm": {"id": "Kecamatan PNPM", "en": "PNPM kecamatan"},
    "ind.arm.comparison": {"id": "Kecamatan pembanding", "en": "Comparison kecamatan"},
    "ind.unit.desa": {"id": "desa", "en": "desa"},
    "ind.unit.kecamatan": {"id": "kecamatan", "en": "kecamatan"},
    "ind.chart.all": {"id": "Semua unit", "en": "All units"},
    "ind.chart.adequate_x": {"id": "Porsi unit yang mencapai ambang", "en": "Share of units meeting the cutoff"},
    "ind.chart.adequate_caption": {
        "id": "Ambang kecukupan dari kerangka indikator (config/indicators.yml).",
        "en": "Adequacy cutoffs from the indicator framework (config/indicators.yml).",
    },
    "ind.chart.median": {"id": "Median peringkat simulasi", "en": "Median simulated rank"},
    "ind.chart.nominal": {"id": "Peringkat nominal", "en": "Nominal rank"},
    "ind.chart.rank_x": {"id": "Peringkat (1 = tertinggi); garis = rentang 5–95%",
                         "en": "Rank (1 = highest); line = 5–95% interval"},
    "ind.chart.rank_caption": {
        "id": "Sumber: {draws:,} simulasi Monte Carlo atas normalisasi, agregasi dan bobot (±25%).",
        "en": "Source: {draws:,} Monte Carlo draws over normalisation, aggregation and weights (±25%).",
    },
    "ind.chart.index_x": {"id": "Indeks pemberdayaan (0–100), dijumlah dari sumbangan tiap tujuan",
                          "en": "Empowerment index (0–100), summed from each goal's contribution"},
    "ind.chart.contrib_caption": {
        "id": "Sumbangan tujuan = bobot tujuan × skor tujuan; rata-rata atas unit dalam kelompok.",
        "en": "Goal contribution = goal weight × goal score; mean over the group's units.",
    },
    "sources.confidence_note": {
        "id": "Kode keyakinan: R1 = dibaca di sumber resmi/primer; R2 = dibaca di salinan "
        "sekunder (mis. berita yang mengutip BPS).",
        "en": "Confidence codes: R1 = read in an official or primary source; R2 = read in "
        "a secondary copy (e.g. news quoting BPS).",
    },
    # training notebooks 02, 05, 06 (pnpm_lib.training)
    "train.glossary": {
        "id": "Istilah (BLM, MAD, Musdes, MKP, SPP, KPMD, TPK, UPK, DUB/DDUB …): lihat docs/glosarium.md.",
        "en": "Terms (BLM, MAD, Musdes, MKP, SPP, KPMD, TPK, UPK, DUB/DDUB …): see docs/glosarium.md.",
    },
    "train.exercise": {"id": "Latihan {n}", "en": "Exercise {n}"},
    "train.solution_note": {
        "id": "Jawaban fasilitator ada di sel tersembunyi di bawah (tidak tampil di HTML dan slide).",
        "en": "The facilitator's answer is in the hidden cell below (not shown in HTML or slides).",
    },
    "train.sliders": {
        "id": "Versi interaktif (butuh kernel berjalan): geser nilainya.",
        "en": "Interactive version (needs a running kernel): move the sliders.",
    },
    "train.cycle.title": {"id": "Siklus proyek dan kelembagaan PNPM Perdesaan",
                          "en": "The PNPM Rural project cycle and its institutions"},
    "train.cycle.objectives": {
        "id": "Tujuan belajar: (1) mengurutkan tahap siklus dari MAD Sosialisasi sampai Musdes "
        "Pertanggungjawaban; (2) menyebut siapa ikut dan apa yang diputuskan di tiap tahap; (3) mengenali "
        "lembaga desa dan kecamatan; (4) membedakan fakta bersumber dari ingatan.",
        "en": "Learning objectives: (1) put the cycle's stages in order, from MAD Sosialisasi to Musdes "
        "Pertanggungjawaban; (2) say who takes part and what each stage decides; (3) recognise the village and "
        "kecamatan institutions; (4) tell sourced facts from memory.",
    },
    "train.cycle.table": {"id": "Tahap, peserta dan keputusan", "en": "Stages, participants and decisions"},
    "train.cycle.institutions": {"id": "Lembaga menurut tingkat", "en": "Institutions by level"},
    "train.cycle.q1": {"id": "Musyawarah mana yang hanya dihadiri perempuan? Tulis singkatannya.",
                       "en": "Which meeting do only women attend? Write its abbreviation."},
    "train.cycle.q2": {"id": "Berapa wakil desa yang dikirim Musdes Perencanaan ke MAD?",
                       "en": "How many village representatives does the Musdes Perencanaan send to the MAD?"},
    "train.funds.title": {"id": "Dana PNPM: BLM, DUB/DDUB dan SPP", "en": "PNPM money: BLM, DUB/DDUB and SPP"},
    "train.funds.objectives": {
        "id": "Tujuan belajar: (1) membaca tabel BLM menurut jumlah desa tertinggal; (2) menghitung bagian APBN "
        "(DUB) dan APBD (DDUB); (3) menerapkan syarat SPP; (4) membandingkan jasa flat dan menurun.",
        "en": "Learning objectives: (1) read the BLM table by number of desa tertinggal; (2) work out the APBN "
        "(DUB) and APBD (DDUB) shares; (3) apply the SPP rules; (4) compare flat and declining-balance jasa.",
    },
    "train.funds.blm": {
        "id": "BLM per kecamatan menurut jumlah desa tertinggal (PTO, dikutip tesis USU; R2). Di luar 3–12 desa "
        "tabel tidak berlaku dan toolkit tidak menebak.",
        "en": "BLM per kecamatan by number of desa tertinggal (PTO, quoted in a USU thesis; R2). Outside 3–12 "
        "villages the table does not apply and the toolkit does not guess.",
    },
    "train.funds.example": {
        "id": "Contoh: kecamatan dengan 7 desa tertinggal di kabupaten berkapasitas fiskal sedang. Ubah angkanya "
        "lalu jalankan sel lagi.",
        "en": "Example: a kecamatan with 7 desa tertinggal in a medium fiscal-capacity kabupaten. Change the "
        "numbers and run the cell again.",
    },
    "train.funds.spp": {
        "id": "SPP (simpan pinjam perempuan): kelompok berjalan ≥ 1 tahun, jangka pinjaman ≤ 12 bulan, tanpa "
        "tunggakan (PTO 2008; R2). Pinjaman Rp 6 juta, jasa 1,5% per bulan, 10 bulan:",
        "en": "SPP (women's savings and loans): group running ≥ 1 year, loan term ≤ 12 months, no arrears (2008 "
        "PTO; R2). A Rp 6 million loan at 1.5% a month over 10 months:",
    },
    "train.funds.q1": {"id": "Berapa BLM (miliar Rp) untuk kecamatan dengan 9 desa tertinggal?",
                       "en": "What BLM (Rp billion) does a kecamatan with 9 desa tertinggal get?"},
    "train.funds.q2": {"id": "BLM Rp 2 miliar, kapasitas fiskal sedang: berapa DDUB (Rp)?",
                       "en": "BLM of Rp 2 billion, medium fiscal capacity: how much is the DDUB (Rp)?"},
    "train.funds.q3": {"id": "Kelompok 8 bulan meminta pinjaman 10 bulan tanpa tunggakan: boleh? (True/False)",
                       "en": "An 8-month-old group asks for a 10-month loan, no arrears: allowed? (True/False)"},
    "train.funds.q4": {"id": "Total jasa flat pinjaman di atas (Rp)?",
                       "en": "Total flat jasa of the loan above (Rp)?"},
    "train.mad.title": {"id": "Simulasi MAD: siapa yang didanai?", "en": "Simulating the MAD: who gets funded?"},
    "train.mad.objectives": {
        "id": "Tujuan belajar: (1) memeringkat usulan antar-desa; (2) menerapkan aturan seri (tingkat pengembalian "
        "SPP); (3) menjelaskan kepada desa mengapa usulannya tidak didanai.",
        "en": "Learning objectives: (1) rank proposals across villages; (2) apply the tie rule (SPP repayment "
        "rate); (3) explain to a village why its proposal was not funded.",
    },
    "train.mad.intro": {
        "id": "Di MAD Penetapan Usulan, usulan didanai menurut peringkat sampai BLM habis; usulan yang tidak "
        "muat dilewati. Desa-desa di bawah adalah contoh, bukan data program. BLM: Rp 1,5 miliar.",
        "en": "At the MAD Penetapan Usulan, proposals are funded in rank order until the BLM runs out; one that "
        "no longer fits is skipped. The villages below are illustrative, not programme data. BLM: Rp 1.5 billion.",
    },
    "train.mad.try": {
        "id": "Giliran Anda: ubah skor di sel berikut (seperti peserta MAD), jalankan, dan lihat siapa yang "
        "didanai.",
        "en": "Your turn: change the scores in the next cell (as MAD participants would), run it, and see who is "
        "funded.",
    },
    "train.mad.q1": {"id": "Dengan skor awal, desa mana saja yang didanai? (daftar nama)",
                     "en": "With the original scores, which villages are funded? (a list of names)"},
    "train.mad.q2": {"id": "Dengan skor awal, berapa rupiah BLM yang tersisa (tidak terpakai)?",
                     "en": "With the original scores, how many rupiah of the BLM are left unspent?"},
    "train.col.item": {"id": "Pos", "en": "Item"},
    "train.col.amount": {"id": "Jumlah", "en": "Amount"},
    "train.item.blm": {"id": "BLM kecamatan", "en": "Kecamatan BLM"},
    "train.col.method": {"id": "Cara jasa", "en": "Jasa method"},
    "train.col.first": {"id": "Angsuran pertama", "en": "First instalment"},
    "train.col.last": {"id": "Angsuran terakhir", "en": "Last instalment"},
    "train.col.jasa": {"id": "Total jasa", "en": "Total jasa"},
    "train.method.flat": {"id": "Flat", "en": "Flat"},
    "train.method.declining": {"id": "Menurun (saldo)", "en": "Declining balance"},
    "train.col.village": {"id": "Desa", "en": "Village"},
    "train.col.cost": {"id": "Biaya", "en": "Cost"},
    "train.col.score": {"id": "Skor", "en": "Score"},
    "train.col.repayment": {"id": "Pengembalian SPP", "en": "SPP repayment"},
    "train.col.decision": {"id": "Keputusan", "en": "Decision"},
    "train.funded": {"id": "didanai", "en": "funded"},
    "train.not_funded": {"id": "tidak didanai: sisa dana saat gilirannya {left}, tidak cukup",
                         "en": "not funded: only {left} was left at its turn"},
    # checked exercises (pnpm_lib.exercises)
    "exercise.right": {"id": "Benar! Jawaban Anda sesuai aturan PTO.", "en": "Correct! Your answer matches the PTO rule."},
    "exercise.wrong": {"id": "Belum tepat. Petunjuk: {hint}", "en": "Not quite. Hint: {hint}"},
    "exercise.empty": {"id": "Isi jawaban Anda dulu, lalu jalankan sel ini lagi.",
                       "en": "Fill in your answer first, then run this cell again."},
    "exercise.cycle_women_only.hint": {
        "id": "cari tahap yang hanya dihadiri perempuan; jawab dengan singkatannya.",
        "en": "find the stage only women attend; answer with its abbreviation.",
    },
    "exercise.cycle_representatives.hint": {
        "id": "lihat apa yang diputuskan Musdes Perencanaan; jawab dengan angka.",
        "en": "look at what the Musdes Perencanaan decides; answer with a number.",
    },
    "exercise.blm_9.hint": {
        "id": "lihat tabel BLM menurut jumlah desa tertinggal; jawab dalam miliar rupiah.",
        "en": "look up the BLM table by number of desa tertinggal; answer in Rp billion.",
    },
    "exercise.ddub_sedang.hint": {
        "id": "kabupaten berkapasitas fiskal sedang membayar 10% BLM dari APBD (DDUB); jawab dalam rupiah.",
        "en": "a medium fiscal-capacity kabupaten pays 10% of the BLM from its APBD (DDUB); answer in rupiah.",
    },
    "exercise.spp_young_group.hint": {
        "id": "kelompok SPP harus sudah berjalan minimal satu tahun; jawab True atau False.",
        "en": "an SPP group must have run for at least one year; answer True or False.",
    },
    "exercise.jasa_flat.hint": {
        "id": "jasa flat = pokok × bunga per bulan × jumlah bulan.",
        "en": "flat jasa = principal × monthly rate × number of months.",
    },
    "exercise.mad_left.hint": {
        "id": "kurangi BLM dengan biaya semua usulan yang didanai; jawab dalam rupiah.",
        "en": "subtract the cost of every funded proposal from the BLM; answer in rupiah.",
    },
    "exercise.mad_funded.hint": {
        "id": "urutkan menurut skor, seri diputus oleh tingkat pengembalian SPP; danai selama sisa dana cukup.",
        "en": "rank by score, break ties by SPP repayment rate; fund while the remaining money covers the cost.",
    },
    # regional impact brief (notebooks/brief_dampak.ipynb, pnpm_lib.briefs.impact)
    "impact.level.province": {"id": "Provinsi", "en": "Province"},
    "impact.level.kabupaten": {"id": "Kabupaten", "en": "Kabupaten"},
    "impact.level.kecamatan": {"id": "Kecamatan", "en": "Kecamatan"},
    "impact.title": {"id": "Apakah PNPM Perdesaan menaikkan kesejahteraan rumah tangga di {region}?",
                     "en": "Did PNPM Rural raise household welfare in {region}?"},
    "impact.key.up": {
        "id": "Di {region}, konsumsi per kapita rumah tangga di kecamatan PNPM tumbuh {effect} lebih cepat "
        "daripada di kecamatan pembanding (IK 95%: {ci}).",
        "en": "In {region}, household per-capita consumption in PNPM kecamatan grew {effect} faster than in "
        "comparison kecamatan (95% CI: {ci}).",
    },
    "impact.key.down": {
        "id": "Di {region}, konsumsi per kapita rumah tangga di kecamatan PNPM tumbuh lebih lambat daripada di "
        "kecamatan pembanding: {effect} (IK 95%: {ci}).",
        "en": "In {region}, household per-capita consumption in PNPM kecamatan grew more slowly than in "
        "comparison kecamatan: {effect} (95% CI: {ci}).",
    },
    "impact.key.unclear": {
        "id": "Di {region}, data belum menunjukkan perbedaan pertumbuhan konsumsi yang jelas antara kecamatan "
        "PNPM dan pembanding: perkiraan {effect}, IK 95% {ci} mencakup nol.",
        "en": "In {region}, the data show no clear difference in consumption growth between PNPM and comparison "
        "kecamatan: the estimate is {effect}, and the 95% CI {ci} includes zero.",
    },
    "impact.key.none": {"id": "{region}: dampak tidak diestimasi. {reason}",
                        "en": "{region}: no impact estimate. {reason}"},
    "impact.key.suppressed": {
        "id": "{region}: hasil konsumsi tidak ditampilkan karena sel datanya terlalu kecil.",
        "en": "{region}: the consumption result is not shown because its data cells are too small.",
    },
    "impact.too_few_clusters": {
        "id": "Wilayah ini hanya punya {n} kecamatan dalam sampel; estimasi dampak memerlukan minimal {min} "
        "agar dapat dipercaya dan tidak membuka data rumah tangga.",
        "en": "This region has only {n} kecamatan in the sample; an impact estimate needs at least {min} to be "
        "reliable and to protect household data.",
    },
    "impact.one_arm": {
        "id": "Sampel wilayah ini tidak memiliki kedua kelompok ({treatment} kecamatan PNPM, {comparison} "
        "pembanding), jadi tidak ada pembanding.",
        "en": "The region's sample lacks one of the two groups ({treatment} PNPM kecamatan, {comparison} "
        "comparison), so there is nothing to compare with.",
    },
    "impact.not_in_sample": {
        "id": "Wilayah ini tidak termasuk dalam sampel evaluasi, jadi tidak ada data rumah tangga untuk dibandingkan.",
        "en": "This region is not in the evaluation sample, so there are no household data to compare.",
    },
    "impact.outcome.consumption": {"id": "Konsumsi riil per kapita", "en": "Real per-capita consumption"},
    "impact.above": {"id": "di atas", "en": "above"},
    "impact.below": {"id": "di bawah", "en": "below"},
    "impact.equal": {"id": "sama dengan", "en": "equal to"},
    "impact.col.group": {"id": "Kelompok", "en": "Group"},
    "impact.col.source": {"id": "Sumber", "en": "Source"},
    "impact.small_cell": {"id": "sel kurang dari {min} rumah tangga", "en": "a cell below {min} households"},
    "impact.suppressed": {"id": "disembunyikan (sel kecil)", "en": "suppressed (small cell)"},
    "impact.pp": {"id": "{v:+.1f} poin persen", "en": "{v:+.1f} percentage points"},
    "impact.rp_month": {"id": "Rp {v:,.0f}/bulan (rata-rata geometrik)", "en": "Rp {v:,.0f}/month (geometric mean)"},
    "impact.verdict.1": {"id": "jelas di atas nol", "en": "clearly above zero"},
    "impact.verdict.-1": {"id": "jelas di bawah nol", "en": "clearly below zero"},
    "impact.verdict.0": {"id": "tidak berbeda jelas dari nol", "en": "not clearly different from zero"},
    "impact.bullet": {
        "id": "{outcome}: {effect} (IK 95%: {ci}), {verdict}; kelompok pembanding pada survei akhir: {level}.",
        "en": "{outcome}: {effect} (95% CI: {ci}), {verdict}; comparison group at follow-up: {level}.",
    },
    "impact.h.results": {"id": "Hasil utama", "en": "Key results"},
    "impact.h.context": {"id": "Program dan konteks", "en": "Programme and context"},
    "impact.h.design": {"id": "Desain evaluasi", "en": "How it was evaluated"},
    "impact.h.chart": {"id": "Konsumsi: pembanding dan dampak", "en": "Consumption: comparison and effect"},
    "impact.h.table": {"id": "Tabel hasil", "en": "Results table"},
    "impact.h.index": {"id": "Indeks pemberdayaan", "en": "Empowerment index"},
    "impact.h.caveats": {"id": "Catatan dan batasan", "en": "Caveats"},
    "impact.h.policy": {"id": "Implikasi kebijakan", "en": "Policy implications"},
    "impact.h.sources": {"id": "Data, kode dan versi", "en": "Data, code and version"},
    "impact.context": {
        "id": "PNPM Mandiri (2007–2014) menyalurkan Bantuan Langsung Masyarakat (BLM) ke kecamatan; warga desa "
        "memilih sendiri kegiatan lewat musyawarah (Musdes, MAD). Provinsi {province}: tingkat kemiskinan "
        "{pct:.2f}% pada 2010, {diff:.2f} poin persen {direction} angka nasional {national:.2f}% "
        "(peringkat {rank} dari {n}; BPS).",
        "en": "PNPM Mandiri (2007–2014) channelled block grants (BLM) to kecamatan; villagers chose the "
        "activities themselves in village and inter-village meetings (Musdes, MAD). Province {province}: poverty "
        "rate {pct:.2f}% in 2010, {diff:.2f} percentage points {direction} the national {national:.2f}% "
        "(rank {rank} of {n}; BPS).",
    },
    "impact.design": {
        "id": "Kecamatan PNPM ({treatment}) dibandingkan dengan kecamatan pembanding ({comparison}) di {region} "
        "yang baru masuk program setelah survei akhir. Rumah tangga yang sama disurvei pada {first} (awal) dan "
        "{last} (akhir); dampak = perubahan di kecamatan PNPM dikurangi perubahan di pembanding "
        "(difference-in-differences), berbobot survei, dengan galat baku dikelompokkan per kecamatan.",
        "en": "PNPM kecamatan ({treatment}) are compared with comparison kecamatan ({comparison}) in {region} "
        "that entered the programme only after the follow-up survey. The same households were surveyed in "
        "{first} (baseline) and {last} (follow-up); the effect is the change in PNPM kecamatan minus the change "
        "in comparison ones (difference-in-differences), survey-weighted, with standard errors clustered by "
        "kecamatan.",
    },
    "impact.sample_note": {
        "id": "Rumah tangga per kelompok dan putaran survei; 's' = disembunyikan (sel < {min}, atau agar sel "
        "tersembunyi tidak dapat dihitung dari total).",
        "en": "Households per group and survey round; 's' = suppressed (cell < {min}, or so that a hidden cell "
        "cannot be worked out from the totals).",
    },
    "impact.arm.treatment": {"id": "Kecamatan PNPM", "en": "PNPM kecamatan"},
    "impact.arm.comparison": {"id": "Kecamatan pembanding", "en": "Comparison kecamatan"},
    "impact.col.level": {"id": "Pembanding, akhir", "en": "Comparison, follow-up"},
    "impact.col.effect": {"id": "Dampak", "en": "Effect"},
    "impact.table_note": {
        "id": "DiD 2×2, OLS berbobot survei; galat baku CRV1 per kecamatan ({treatment} PNPM, {comparison} "
        "pembanding), IK 95% dengan t(G−1). Konsumsi: % perubahan (exp(b) − 1); lainnya: poin persen. Tanpa "
        "bintang: baca IK-nya.",
        "en": "2×2 DiD, survey-weighted OLS; CRV1 standard errors by kecamatan ({treatment} PNPM, {comparison} "
        "comparison), 95% CI with t(G−1). Consumption: % change (exp(b) − 1); others: percentage points. No "
        "stars: read the CI.",
    },
    "impact.wild_note": {
        "id": "Dengan kurang dari 40 kecamatan, p adalah p wild-cluster bootstrap bila tersedia.",
        "en": "With fewer than 40 kecamatan, p is the wild-cluster bootstrap p where available.",
    },
    "impact.index": {
        "id": "Indeks pemberdayaan {year} (tujuh tujuan khusus, kerangka bawaan): {index:.1f} dari 100, "
        "peringkat {rank} dari {units} {level_plural}. Di bawah {draws:,} simulasi pilihan metode (normalisasi, "
        "agregasi, bobot ±25%) peringkatnya berada antara {low} dan {high} (rentang 5–95%).",
        "en": "Empowerment index {year} (seven specific goals, default framework): {index:.1f} of 100, rank "
        "{rank} of {units} {level_plural}. Under {draws:,} draws of method choices (normalisation, aggregation, "
        "weights ±25%) its rank lies between {low} and {high} (5–95% interval).",
    },
    "impact.plural.province": {"id": "provinsi", "en": "provinces"},
    "impact.plural.kabupaten": {"id": "kabupaten", "en": "kabupaten"},
    "impact.plural.kecamatan": {"id": "kecamatan", "en": "kecamatan"},
    "impact.no_index": {
        "id": "Indeks pemberdayaan tidak tersedia: tidak ada tabel desa untuk wilayah ini.",
        "en": "Empowerment index not available: there is no village table for this region.",
    },
    "impact.caveat.parallel": {
        "id": "Asumsi identifikasi: tanpa PNPM, kecamatan PNPM dan pembanding akan berubah sejajar (tren "
        "paralel); pembanding dipilih berpasangan menurut ciri awal, tetapi tidak diacak di setiap wilayah.",
        "en": "Identifying assumption: without PNPM, PNPM and comparison kecamatan would have changed in "
        "parallel; comparison kecamatan were matched on baseline traits, not randomised in every region.",
    },
    "impact.caveat.multiple": {
        "id": "Lima hasil diuji sekaligus: satu hasil yang 'jelas' bisa muncul karena kebetulan; koreksi Holm ada "
        "di notebook evaluasi (03).",
        "en": "Five outcomes are tested at once: one 'clear' result can arise by chance; the Holm correction is in "
        "the evaluation notebook (03).",
    },
    "impact.caveat.attrition": {
        "id": "{pct:.1f}% rumah tangga survei awal tidak disurvei ulang (atrisi).",
        "en": "{pct:.1f}% of baseline households were not re-interviewed (attrition).",
    },
    "impact.caveat.suppressed": {
        "id": "Disembunyikan demi kerahasiaan: hasil {outcomes}; {cells} sel tabel sampel.",
        "en": "Suppressed for confidentiality: outcomes {outcomes}; {cells} cells of the sample table.",
    },
    "impact.caveat.synthetic": {
        "id": "DATA SINTETIS: semua angka dampak dan indeks berasal dari panel buatan (pnpm_lib.synth) dengan "
        "dampak yang ditanam; hanya angka kemiskinan BPS yang nyata.",
        "en": "SYNTHETIC DATA: every effect and index figure comes from a made-up panel (pnpm_lib.synth) with "
        "planted effects; only the BPS poverty figures are real.",
    },
    "impact.policy.sustain": {
        "id": "Pemerintah daerah: hasil konsumsi mendukung mempertahankan BLM di kecamatan ini; prioritaskan "
        "kecamatan termiskin saat dana terbatas.",
        "en": "Local government: the consumption result supports keeping BLM in these kecamatan; put the poorest "
        "kecamatan first when funds are short.",
    },
    "impact.policy.power": {
        "id": "Jangan membaca 'tidak jelas' sebagai 'tidak ada dampak': dengan {clusters} kecamatan, dampak "
        "terkecil yang dapat dideteksi untuk {outcome} sekitar {mde}. Evaluasi berikutnya perlu lebih banyak "
        "kecamatan.",
        "en": "Do not read 'not clear' as 'no effect': with {clusters} kecamatan, the smallest detectable effect "
        "on {outcome} is about {mde}. A next evaluation needs more kecamatan.",
    },
    "impact.policy.monitor": {
        "id": "Fasilitator dan PjOK: pantau partisipasi perempuan dan rumah tangga miskin di Musdes dan MAD "
        "bersama hasil ini, karena keduanya adalah tujuan program.",
        "en": "Facilitators and PjOK: monitor the participation of women and poor households in Musdes and MAD "
        "alongside these results, since both are programme goals.",
    },
    "impact.policy.pool": {
        "id": "Baca ringkasan provinsi {province} untuk estimasi dampak; wilayah kecil hanya dapat dinilai "
        "bersama wilayah di sekitarnya.",
        "en": "Read the province {province} brief for an impact estimate; a small region can only be judged "
        "together with its neighbours.",
    },
    "impact.footer": {
        "id": "Sumber data: {source}. Angka kemiskinan: BPS (lihat kode kepercayaan R1/R2). Dibuat dengan "
        "pnpm_lib {version}; parameter: {params}; hash data masukan {data_hash}.",
        "en": "Data source: {source}. Poverty figures: BPS (see confidence codes R1/R2). Made with pnpm_lib "
        "{version}; parameters: {params}; input data hash {data_hash}.",
    },
}


def check_lang(lang: str) -> str:
    """Return ``lang`` if supported, else raise ValueError naming the choices."""
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}; choose one of: {', '.join(LANGS)}")
    return lang


def t(key: str, lang: str = "id", **fields: object) -> str:
    """Translate ``key`` into ``lang`` and fill ``{fields}`` (numbers in the language's own marks)."""
    check_lang(lang)
    try:
        entry = STRINGS[key]
    except KeyError:
        raise KeyError(f"no text for key {key!r}") from None
    return _FORMATTERS[lang].format(entry[lang], **fields) if fields else entry[lang]


def num(value: float, spec: str = ",.1f", lang: str = "id") -> str:
    """``value`` formatted with ``spec``; Indonesian swaps the marks (1.234,5, not 1,234.5)."""
    return _FORMATTERS[lang].format_field(value, spec)


class _Formatter(string.Formatter):
    """str.format, except that Indonesian numbers use ',' for decimals and '.' for thousands (KBBI/PUEBI)."""

    def __init__(self, swap: bool) -> None:
        self.swap = swap

    def format_field(self, value: object, format_spec: str) -> str:
        text = super().format_field(value, format_spec)
        numeric = isinstance(value, numbers.Number) and not isinstance(value, bool)
        return text.translate(_SWAP) if self.swap and numeric and format_spec else text


_SWAP = str.maketrans(",.", ".,")
_FORMATTERS = {"id": _Formatter(swap=True), "en": _Formatter(swap=False)}
