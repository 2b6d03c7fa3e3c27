"""PNPM Mandiri itself, as data: definitions, goals and components.

The Indonesian texts are quoted from the programme text shipped in
``datasets/sources/seed-pnpm-mandiri.txt`` (spelling kept, e.g. "perduli");
the English texts are our translations. Goal keys are stable identifiers that
the indicator framework hangs off, so never rename them.
"""

from __future__ import annotations

from dataclasses import dataclass

from pnpm_lib.i18n import Lang, check_lang


@dataclass(frozen=True)
class Text:
    """A bilingual text: Indonesian (the source) and English (translation)."""

    id: str
    en: str

    def __call__(self, lang: str = "id") -> str:
        """The text in ``lang`` (any page's language string; an unknown one is a ValueError)."""
        return getattr(self, check_lang(lang))


@dataclass(frozen=True)
class Goal:
    """One specific goal (tujuan khusus) with a stable key for indicators."""

    number: int
    key: str
    text: Text
    short: Text


@dataclass(frozen=True)
class Component:
    """A PNPM component; ``kecamatan_2012`` is None where no count was found."""

    key: str
    name: str
    kind: Text
    description: Text
    kecamatan_2012: int | None
    source: str
    confidence: str


SEED_SOURCE = (
    "Programme text 'PNPM Mandiri' (Pengertian, Tujuan Umum, Tujuan Khusus), "
    "copy in datasets/sources/seed-pnpm-mandiri.txt"
)

NAME = Text(
    id="Program Nasional Pemberdayaan Masyarakat Mandiri (PNPM Mandiri)",
    en="National Programme for Community Empowerment (PNPM Mandiri)",
)

SUMMARY = Text(
    id="PNPM Mandiri adalah program nasional penanggulangan kemiskinan terutama "
    "yang berbasis pemberdayaan masyarakat.",
    en="PNPM Mandiri is a national poverty-reduction programme based above all "
    "on community empowerment.",
)

DEFINITION = Text(
    id="PNPM Mandiri adalah program nasional dalam wujud kerangka kebijakan sebagai "
    "dasar dan acuan pelaksanaan program-program penanggulangan kemiskinan berbasis "
    "pemberdayaan masyarakat. PNPM Mandiri dilaksanakan melalui harmonisasi dan "
    "pengembangan sistem serta mekanisme dan prosedur program, penyediaan pendampingan "
    "dan pendanaan stimulan untuk mendorong prakarsa dan inovasi masyarakat dalam upaya "
    "penanggulangan kemiskinan yang berkelanjutan.",
    en="PNPM Mandiri is a national programme in the form of a policy framework that is "
    "the basis and reference for carrying out community-empowerment-based poverty "
    "reduction programmes. It works by harmonising and developing programme systems, "
    "mechanisms and procedures, and by providing facilitation and stimulant funding to "
    "encourage community initiative and innovation for sustainable poverty reduction.",
)

EMPOWERMENT = Text(
    id="Pemberdayaan masyarakat adalah upaya untuk menciptakan/meningkatkan kapasitas "
    "masyarakat, baik secara individu maupun berkelompok, dalam memecahkan berbagai "
    "persoalan terkait upaya peningkatan kualitas hidup, kemandirian dan "
    "kesejahteraannya. Pemberdayaan masyarakat memerlukan keterlibatan yang besar dari "
    "perangkat pemerintah daerah serta berbagai pihak untuk memberikan kesempatan dan "
    "menjamin keberlanjutan berbagai hasil yang dicapai.",
    en="Community empowerment is the effort to create or increase the capacity of "
    "communities, as individuals or in groups, to solve the problems of improving their "
    "quality of life, self-reliance and welfare. It needs strong involvement of local "
    "government and of many other parties, to open opportunities and to sustain what "
    "has been achieved.",
)

GENERAL_GOAL = Text(
    id="Meningkatnya kesejahteraan dan kesempatan kerja masyarakat miskin secara mandiri.",
    en="Improved welfare and employment opportunities of the poor, achieved "
    "self-reliantly.",
)

SPECIFIC_GOALS: tuple[Goal, ...] = (
    Goal(
        1,
        "participation",
        Text(
            id="Meningkatnya partisipasi seluruh masyarakat, termasuk masyarakat miskin, "
            "kelompok perempuan, komunitas adat terpencil dan kelompok masyarakat "
            "lainnya yang rentan dan sering terpinggirkan ke dalam proses pengambilan "
            "keputusan dan pengelolaan pembangunan.",
            en="Increased participation of the whole community, including the poor, "
            "women, remote indigenous communities and other vulnerable and often "
            "marginalised groups, in decision-making and in managing development.",
        ),
        Text(id="Partisipasi", en="Participation"),
    ),
    Goal(
        2,
        "institutions",
        Text(
            id="Meningkatnya kapasitas kelembagaan masyarakat yang mengakar, "
            "representatif dan akuntabel.",
            en="Increased capacity of community institutions that are rooted in the "
            "community, representative and accountable.",
        ),
        Text(id="Kelembagaan masyarakat", en="Community institutions"),
    ),
    Goal(
        3,
        "pro_poor_government",
        Text(
            id="Meningkatnya kapasitas pemerintah dalam memberikan pelayanan kepada "
            "masyarakat terutama masyarakat miskin melalui kebijakan, program dan "
            "penganggaran yang berpihak pada masyarakat miskin (pro-poor)",
            en="Increased capacity of government to serve the community, especially the "
            "poor, through pro-poor policies, programmes and budgeting.",
        ),
        Text(id="Pemerintah pro-poor", en="Pro-poor government"),
    ),
    Goal(
        4,
        "synergy",
        Text(
            id="Meningkatnya sinergi masyarakat, pemerintah daerah, swasta, asosiasi, "
            "perguruan tinggi, lembaga swadaya masyarakat, organisasi masyarakat dan "
            "kelompok perduli lainnya untuk mengefektifkan upaya-upaya penanggulangan "
            "kemiskinan.",
            en="Increased synergy between communities, local government, the private "
            "sector, associations, universities, NGOs, community organisations and "
            "other concerned groups, to make poverty reduction more effective.",
        ),
        Text(id="Sinergi para pihak", en="Multi-stakeholder synergy"),
    ),
    Goal(
        5,
        "local_independence",
        Text(
            id="Meningkatnya keberadaan dan kemandirian masyarakat serta kapasitas "
            "pemerintah daerah dan kelompok perduli setempat dalam menanggulangi "
            "kemiskinan di wilayahnya.",
            en="Increased presence and self-reliance of communities, and capacity of "
            "local government and local concerned groups, to reduce poverty in their "
            "own area.",
        ),
        Text(id="Kemandirian lokal", en="Local self-reliance"),
    ),
    Goal(
        6,
        "social_capital",
        Text(
            id="Meningkatnya modal sosial masyarakat yang berkembang sesuai dengan "
            "potensi sosial dan budaya serta untuk melestarikan kearifan lokal.",
            en="Increased social capital of communities, growing from their social and "
            "cultural potential and preserving local wisdom.",
        ),
        Text(id="Modal sosial", en="Social capital"),
    ),
    Goal(
        7,
        "technology",
        Text(
            id="Meningkatnya inovasi dan pemanfaatan teknologi tepat guna, informasi dan "
            "komunikasi dalam pemberdayaan masyarakat.",
            en="Increased innovation and use of appropriate technology and of "
            "information and communication technology in community empowerment.",
        ),
        Text(id="Teknologi tepat guna", en="Appropriate technology"),
    ),
)

GOAL_KEYS: tuple[str, ...] = tuple(g.key for g in SPECIFIC_GOALS)

_LETTER_2012 = (
    "Menko Kesra letter B.222/MENKO KESRA/X/2011 of 31 Oct 2011, reported at "
    "ahok.org/?p=6021 (pnpm-facts §1.2)"
)
_SETUP_2007 = "id.scribd.com/document/534939480/PNPM-Mandiri (pnpm-facts §1.2)"

KECAMATAN_2012_TOTAL = 6680
"""Total stated in the 2012 letter; the four core counts sum to 6,675 (see notes)."""

COMPONENTS: tuple[Component, ...] = (
    Component(
        "perdesaan", "PNPM Mandiri Perdesaan",
        Text(id="Program inti", en="Core programme"),
        Text(id="Lanjutan PPK/KDP di perdesaan; dikelola Ditjen PMD, Kemendagri.",
             en="Rural continuation of PPK/KDP; run by Ditjen PMD, Ministry of Home Affairs."),
        5100, _LETTER_2012, "R2",
    ),
    Component(
        "perkotaan", "PNPM Mandiri Perkotaan",
        Text(id="Program inti", en="Core programme"),
        Text(id="Lanjutan P2KP di perkotaan; dikelola Ditjen Cipta Karya, Kementerian PU.",
             en="Urban continuation of P2KP; run by Ditjen Cipta Karya, Ministry of Public Works."),
        1151, _LETTER_2012, "R2",
    ),
    Component(
        "ris_pnpm", "PNPM Infrastruktur Perdesaan (RIS-PNPM)",
        Text(id="Program inti", en="Core programme"),
        Text(id="Infrastruktur perdesaan.", en="Rural infrastructure."),
        187, _LETTER_2012, "R2",
    ),
    Component(
        "pisew", "PISEW (Pengembangan Infrastruktur Sosial Ekonomi Wilayah)",
        Text(id="Program inti (ditambahkan 2008)", en="Core programme (added 2008)"),
        Text(id="Infrastruktur sosial-ekonomi wilayah.",
             en="Regional socio-economic infrastructure."),
        237, _LETTER_2012, "R2",
    ),
    Component(
        "p2dtk", "P2DTK",
        Text(id="Program inti (2007)", en="Core programme (2007)"),
        Text(id="Daerah tertinggal, pascabencana dan pascakonflik.",
             en="Disadvantaged, post-disaster and post-conflict areas."),
        None, _SETUP_2007, "R2",
    ),
    Component(
        "generasi", "PNPM Generasi",
        Text(id="Program penguatan", en="Support programme"),
        Text(id="Hibah tahunan desa untuk kesehatan ibu-anak dan pendidikan; mulai 2007 "
                "di 5 provinsi (Jabar, Jatim, Sulut, Gorontalo, NTT).",
             en="Annual village grants for maternal/child health and education; from 2007 "
                "in 5 provinces (West Java, East Java, North Sulawesi, Gorontalo, NTT)."),
        None, "IHSN catalog 2409; WB data catalog 0048466 (pnpm-facts §1.2)", "R1",
    ),
)

COMPONENT_NOTES = Text(
    id="Surat Menko Kesra menyebut total 6.680 kecamatan; jumlah keempat program inti "
    "adalah 6.675. Program penguatan/sektoral (Pariwisata, Perumahan & Permukiman, "
    "Kelautan & Perikanan, PUAP, Generasi, Perbatasan) tanpa jumlah kecamatan.",
    en="The Menko Kesra letter states 6,680 kecamatan in total; the four core counts sum "
    "to 6,675. Sectoral/support programmes (Tourism, Housing & Settlements, Marine & "
    "Fisheries, PUAP, Generasi, Border areas) have no kecamatan count.",
)

PNPM_YEARS = (2007, 2014)
"""Programme span: launched 3 April 2007 (Palu), replaced by Village Law transfers 2014."""


def goal(key: str) -> Goal:
    """Return the specific goal with ``key``; raise KeyError naming the valid keys."""
    for g in SPECIFIC_GOALS:
        if g.key == key:
            return g
    raise KeyError(f"unknown goal key {key!r}; valid keys: {', '.join(GOAL_KEYS)}")


def components_table(lang: Lang = "id"):
    """Components with their 2012 kecamatan counts and sources, as a DataFrame."""
    import pandas as pd

    return pd.DataFrame(
        [
            {
                "key": c.key,
                "name": c.name,
                "kind": c.kind(lang),
                "description": c.description(lang),
                "kecamatan_2012": c.kecamatan_2012,
                "source": c.source,
                "confidence": c.confidence,
            }
            for c in COMPONENTS
        ]
    ).astype({"kecamatan_2012": "Int64"})


def goals_table(lang: Lang = "id"):
    """The seven specific goals as a DataFrame (number, key, short name, text)."""
    import pandas as pd

    return pd.DataFrame(
        [
            {"number": g.number, "key": g.key, "short": g.short(lang), "text": g.text(lang)}
            for g in SPECIFIC_GOALS
        ]
    )
