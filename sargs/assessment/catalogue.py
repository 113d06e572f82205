"""The indicator catalogue of the annual situation assessment (domain.md §3).

Reference data, like the municipality list: bilingual literals rather than gettext, because
the texts are stored with each definition version (a definition that changes gets a new
version; values keep pointing at the version they were reported under).

Each indicator has measures (what is counted: families, children, EUR …); each measure may be
split by dimensions (age group, sex, the indicator's own split). A *cell* is one number an
institution reports: a measure's total, or one category of one of its dimensions. Cells are
named by a stable key: ``"children"`` for a total, ``"children|age=0_6"`` for a part. Parts of
one dimension must add up to their total (a quality check), so dimensions are never crossed:
a table of age × sex would be mostly counts of 1–4 in a small municipality.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Any

from sargs.organisations.roles import InstitutionType


@dataclass(frozen=True)
class Text:
    lv: str
    en: str

    def get(self, language: str) -> str:
        return self.en if language.startswith("en") else self.lv


@dataclass(frozen=True)
class Dimension:
    key: str
    label: Text
    categories: tuple[tuple[str, Text], ...]


@dataclass(frozen=True)
class Measure:
    key: str
    label: Text
    unit: str = "count"  # "count" | "eur"
    dimensions: tuple[Dimension, ...] = ()


@dataclass(frozen=True)
class IndicatorSpec:
    code: str
    group: int
    name: Text
    definition: Text
    measures: tuple[Measure, ...]
    reporter: InstitutionType | None
    computable: str = "no"  # "no" | "partly" | "yes"
    period: str = "year"  # "year" | "semester"
    # (part, whole) measure pairs where part may not exceed whole, e.g. accessible ≤ total.
    not_above: tuple[tuple[str, str], ...] = field(default=())

    def spec_json(self) -> dict[str, Any]:
        """What a stored definition version holds; a change here makes a new version."""
        data = asdict(self)
        data["reporter"] = str(self.reporter.value) if self.reporter else ""
        # As stored in a JSON column (tuples become lists), so that equal means unchanged.
        return json.loads(json.dumps(data))


def cell_key(measure: str, dimension: str = "", category: str = "") -> str:
    return f"{measure}|{dimension}={category}" if dimension else measure


def parse_cell_key(key: str) -> tuple[str, str, str]:
    """``"children|age=0_6"`` → ``("children", "age", "0_6")``; a total → ``(measure, "", "")``."""
    measure, _, part = key.partition("|")
    dimension, _, category = part.partition("=")
    return measure, dimension, category


def cell_label(code: str, key: str, language: str = "lv") -> str:
    """A cell as people name it: "L2 · ģimenes · ģimenes asistents", never its key."""
    spec = BY_CODE.get(code)
    if spec is None:
        return f"{code} · {key}"
    measure_key, dimension_key, category = parse_cell_key(key)
    measure = next((m for m in spec.measures if m.key == measure_key), None)
    if measure is None:
        return f"{code} · {key}"
    parts = [code, measure.label.get(language)]
    dimension = next((d for d in measure.dimensions if d.key == dimension_key), None)
    if dimension is not None:
        parts.append(dict(dimension.categories)[category].get(language))
    return " · ".join(parts)


def cells_of(spec: dict[str, Any]) -> list[str]:
    """Every cell key of a stored spec, in display order."""
    keys: list[str] = []
    for measure in spec["measures"]:
        keys.append(cell_key(measure["key"]))
        for dimension in measure["dimensions"]:
            for category, _label in dimension["categories"]:
                keys.append(cell_key(measure["key"], dimension["key"], category))
    return keys


AGE = Dimension(
    "age",
    Text("Vecuma grupa", "Age group"),
    (("0_6", Text("0–6 gadi", "0–6 years")), ("7_17", Text("7–17 gadi", "7–17 years"))),
)
SEX = Dimension(
    "sex",
    Text("Dzimums", "Sex"),
    (("f", Text("meitenes", "girls")), ("m", Text("zēni", "boys"))),
)
VIOLENCE = Dimension(
    "kind",
    Text("Vardarbības veids", "Kind of violence"),
    (
        ("physical", Text("fiziska", "physical")),
        ("emotional", Text("emocionāla", "emotional")),
        ("sexual", Text("seksuāla", "sexual")),
    ),
)
FAMILY_SERVICE = Dimension(
    "service",
    Text("Pakalpojums", "Service"),
    (
        ("family_assistant", Text("ģimenes asistents", "family assistant")),
        ("support_centre", Text("ģimenes atbalsta centrs", "family support centre")),
        ("crisis", Text("krīzes intervence", "crisis intervention")),
        ("parent_groups", Text("vecāku grupas", "parent groups")),
        ("psychologist", Text("psihologs", "psychologist")),
        ("other", Text("citi", "other")),
    ),
)
OFFENCE = Dimension(
    "offence",
    Text("Pārkāpuma veids", "Kind of offence"),
    (
        ("criminal", Text("noziedzīgs nodarījums", "criminal offence")),
        ("administrative", Text("administratīvs pārkāpums", "administrative offence")),
    ),
)
CARE_FORM = Dimension(
    "form",
    Text("Aprūpes forma", "Form of care"),
    (
        ("foster_family", Text("audžuģimene", "foster family")),
        ("guardianship", Text("aizbildnība", "guardianship")),
        ("institution", Text("institūcija", "institution")),
    ),
)

FAMILIES = Measure("families", Text("ģimenes", "families"))
CHILDREN = Measure("children", Text("bērni", "children"), dimensions=(AGE, SEX))
PARTICIPANTS = Measure("participants", Text("dalībnieki", "participants"))

T = InstitutionType

INDICATORS: tuple[IndicatorSpec, ...] = (
    # 1. Right to education
    IndicatorSpec(
        "E1",
        1,
        Text(
            "Obligātās izglītības vecuma bērni, kas nav reģistrēti nevienā izglītības iestādē",
            "Children of compulsory school age registered in no educational institution",
        ),
        Text(
            "Pašvaldībā deklarētie obligātās izglītības vecuma bērni, kuri gada beigās nav "
            "reģistrēti nevienā izglītības iestādē (obligātās izglītības vecuma bērnu reģistrs).",
            "Children of compulsory school age declared in the municipality and registered in "
            "no educational institution at the end of the year (compulsory-school-age register).",
        ),
        (Measure("children", Text("bērni", "children"), dimensions=(SEX,)),),
        T.EDUCATION_BOARD,
    ),
    IndicatorSpec(
        "E2",
        1,
        Text(
            "Izglītojamie, kuri semestrī bez attaisnojoša iemesla kavējuši vairāk nekā 20 stundas",
            "Pupils who missed more than 20 lessons without valid reason in a semester",
        ),
        Text(
            "Izglītojamie, kuri semestrī bez attaisnojoša iemesla nav apmeklējuši vairāk nekā 20 "
            "mācību stundas. Sistēmas dati: bažu ziņojumi par neattaisnotiem kavējumiem.",
            "Pupils who missed more than 20 lessons without valid reason in the semester. From "
            "the system's records: concerns about unexcused absence from school.",
        ),
        (Measure("pupils", Text("izglītojamie", "pupils"), dimensions=(SEX,)),),
        T.SCHOOL,
        computable="partly",
        period="semester",
    ),
    IndicatorSpec(
        "E3",
        1,
        Text(
            "Izglītības iestādēs konstatētie vardarbības gadījumi",
            "Cases of violence found in educational institutions",
        ),
        Text(
            "Izglītības iestādē konstatētie vardarbības gadījumi pret izglītojamiem pēc veida. "
            "Sistēmas dati: bažu ziņojumi par vardarbību, kuru vieta ir izglītības iestāde.",
            "Cases of violence against pupils found in the educational institution, by kind. "
            "From the system's records: violence concerns whose place is a school.",
        ),
        (Measure("cases", Text("gadījumi", "cases"), dimensions=(VIOLENCE,)),),
        T.SCHOOL,
        computable="partly",
    ),
    # 2. Adequate living conditions
    IndicatorSpec(
        "L1",
        2,
        Text(
            "Ģimenes, kurās netiek nodrošināti bērna attīstībai labvēlīgi apstākļi",
            "Families where conditions favourable to the child's development are not ensured",
        ),
        Text(
            "Ģimenes (un to bērni), ar kurām sociālais dienests gada laikā strādājis atvērtā "
            "gadījumā, jo netiek nodrošināti bērna attīstībai labvēlīgi apstākļi.",
            "Families (and their children) the social service worked with in an open case "
            "during the year because conditions favourable to the child's development are not "
            "ensured.",
        ),
        (FAMILIES, CHILDREN),
        T.SOCIAL_SERVICE,
        computable="yes",
    ),
    IndicatorSpec(
        "L2",
        2,
        Text(
            "Sociālie pakalpojumi ģimenēm ar bērniem",
            "Social services for families with children",
        ),
        Text(
            "Ģimenes, kas gada laikā saņēmušas sociālos pakalpojumus, pēc pakalpojuma veida, "
            "un to bērni.",
            "Families who received social services during the year, by type of service, and "
            "their children.",
        ),
        (
            Measure("families", Text("ģimenes", "families"), dimensions=(FAMILY_SERVICE,)),
            CHILDREN,
        ),
        T.SOCIAL_SERVICE,
        computable="yes",
    ),
    IndicatorSpec(
        "L3",
        2,
        Text(
            "Sociālā palīdzība ģimenēm ar bērniem",
            "Social assistance to families with children",
        ),
        Text(
            "Ģimenes ar bērniem, kas gada laikā saņēmušas sociālo palīdzību (pabalstus), to "
            "bērni un izmaksātā summa.",
            "Families with children who received social assistance (benefits) during the year, "
            "their children and the amount paid.",
        ),
        (FAMILIES, CHILDREN, Measure("amount", Text("summa", "amount"), unit="eur")),
        T.SOCIAL_SERVICE,
    ),
    # 3. Favourable social environment
    IndicatorSpec(
        "S1",
        3,
        Text(
            "Bērni, kuri izdarījuši likumpārkāpumus",
            "Children who committed offences",
        ),
        Text(
            "Nepilngadīgie, kuri gada laikā izdarījuši noziedzīgu nodarījumu vai "
            "administratīvu pārkāpumu. Sistēmas dati: bažu ziņojumi par likumpārkāpumu.",
            "Minors who committed a criminal or administrative offence during the year. From "
            "the system's records: concerns about an offence.",
        ),
        (Measure("children", Text("bērni", "children"), dimensions=(OFFENCE, SEX)),),
        T.MUNICIPAL_POLICE,
        computable="partly",
    ),
    IndicatorSpec(
        "S2",
        3,
        Text(
            "Bērni, kuriem piemērota uzvedības sociālās korekcijas programma",
            "Children with a behaviour social-correction programme",
        ),
        Text(
            "Izglītojamie, kuriem gada laikā piemērota uzvedības sociālās korekcijas programma.",
            "Pupils for whom a behaviour social-correction programme was applied during the year.",
        ),
        (Measure("children", Text("bērni", "children"), dimensions=(SEX,)),),
        T.EDUCATION_BOARD,
    ),
    IndicatorSpec(
        "S3",
        3,
        Text(
            "Pasākumi bērnu aizsardzībai no smēķēšanas, alkohola, narkotiskām un citām vielām",
            "Measures protecting children from smoking, alcohol, drugs and other substances",
        ),
        Text(
            "Gada laikā īstenotie preventīvie pasākumi un to dalībnieki.",
            "Preventive measures carried out during the year and their participants.",
        ),
        (Measure("measures", Text("pasākumi", "measures")), PARTICIPANTS),
        T.ADMINISTRATION,
    ),
    IndicatorSpec(
        "S4",
        3,
        Text(
            "Jēgpilna brīvā laika pavadīšanas iespējas",
            "Meaningful leisure opportunities",
        ),
        Text(
            "Bērniem pieejamie brīvā laika piedāvājumi (pulciņi, nometnes u.c.), vietas tajos "
            "un dalībnieki.",
            "Leisure offers for children (clubs, camps etc.), places in them and participants.",
        ),
        (
            Measure("offers", Text("piedāvājumi", "offers")),
            Measure("places", Text("vietas", "places")),
            PARTICIPANTS,
        ),
        T.EDUCATION_BOARD,
    ),
    IndicatorSpec(
        "S5",
        3,
        Text(
            "Izglītojoši pasākumi vecākiem",
            "Educational events for parents",
        ),
        Text(
            "Gada laikā rīkotie izglītojošie pasākumi vecākiem (t.sk. vecāku grupas) un to "
            "dalībnieki. Sistēmas dati: vecāku grupu pakalpojuma epizodes.",
            "Educational events for parents held during the year (incl. parent groups) and "
            "their participants. From the system's records: parent-group service episodes.",
        ),
        (Measure("events", Text("pasākumi", "events")), PARTICIPANTS),
        T.SOCIAL_SERVICE,
        computable="partly",
    ),
    # 4. Children with special needs
    IndicatorSpec(
        "N1",
        4,
        Text(
            "Izglītības un citu bērnu apmeklēto pašvaldības iestāžu piekļūstamība",
            "Accessibility of schools and other municipal institutions children attend",
        ),
        Text(
            "Iestādes, kas piekļūstamas bērniem ar kustību traucējumiem, no visām iestādēm, "
            "kuras apmeklē bērni.",
            "Institutions accessible to children with mobility impairments, out of all "
            "institutions children attend.",
        ),
        (
            Measure("accessible", Text("piekļūstamas", "accessible")),
            Measure("total", Text("kopā", "total")),
        ),
        T.ADMINISTRATION,
        not_above=(("accessible", "total"),),
    ),
    IndicatorSpec(
        "N2",
        4,
        Text(
            "Speciālās izglītības programmas izglītības iestādēs",
            "Special education programmes in educational institutions",
        ),
        Text(
            "Īstenotās speciālās izglītības programmas un izglītojamie tajās.",
            "Special education programmes offered and the pupils in them.",
        ),
        (
            Measure("programmes", Text("programmas", "programmes")),
            Measure("pupils", Text("izglītojamie", "pupils"), dimensions=(SEX,)),
        ),
        T.EDUCATION_BOARD,
    ),
    IndicatorSpec(
        "N3",
        4,
        Text(
            "Sociālie pakalpojumi ģimenēm, kuras audzina bērnus ar īpašām vajadzībām",
            "Social services for families raising children with special needs",
        ),
        Text(
            "Ģimenes, kuras audzina bērnus ar īpašām vajadzībām un gada laikā saņēmušas "
            "sociālos pakalpojumus, un to bērni. Ziņo sociālais dienests: īpašās vajadzības ir "
            "plašākas par reģistrā atzīmēto invaliditāti, tāpēc sistēma šo rādītāju neaprēķina.",
            "Families raising children with special needs who received social services during "
            "the year, and their children. Reported by the social service: special needs are "
            "wider than a disability recorded in the registry, so the system does not compute it.",
        ),
        (FAMILIES, CHILDREN),
        T.SOCIAL_SERVICE,
    ),
    # 5. Children without parental care
    IndicatorSpec(
        "F1",
        5,
        Text(
            "Vecāki, kuriem pārtrauktas vai atņemtas aizgādības tiesības",
            "Parents whose custody was suspended or deprived",
        ),
        Text(
            "Vecāki, kuriem gada laikā ar bāriņtiesas lēmumu pārtrauktas vai ar tiesas "
            "spriedumu atņemtas aizgādības tiesības.",
            "Parents whose custody rights were suspended by the orphan's court or deprived by a "
            "court judgment during the year.",
        ),
        (
            Measure("suspended", Text("pārtrauktas", "suspended")),
            Measure("deprived", Text("atņemtas", "deprived")),
        ),
        T.ORPHANS_COURT,
        computable="yes",
    ),
    IndicatorSpec(
        "F2",
        5,
        Text(
            "Vecāki, kuriem atjaunotas aizgādības tiesības",
            "Parents whose custody was restored",
        ),
        Text(
            "Vecāki, kuriem gada laikā atjaunotas aizgādības tiesības.",
            "Parents whose custody rights were restored during the year.",
        ),
        (Measure("restored", Text("atjaunotas", "restored")),),
        T.ORPHANS_COURT,
        computable="yes",
    ),
    IndicatorSpec(
        "F3",
        5,
        Text(
            "Bērni ārpusģimenes aprūpē",
            "Children in out-of-family care",
        ),
        Text(
            "Bērni ārpusģimenes aprūpē gada beigās pēc aprūpes formas.",
            "Children in out-of-family care at the end of the year, by form of care.",
        ),
        (
            Measure(
                "children",
                Text("bērni", "children"),
                dimensions=(CARE_FORM, AGE, SEX),
            ),
        ),
        T.ORPHANS_COURT,
        computable="yes",
    ),
    IndicatorSpec(
        "F4",
        5,
        Text("Audžuģimenes", "Foster families"),
        Text(
            "Pašvaldībā reģistrētās audžuģimenes gada beigās, t.sk. specializētās audžuģimenes "
            "(arī krīzes audžuģimenes), neatkarīgi no tā, vai tajās pašlaik ievietots bērns. "
            "Aprēķina no bāriņtiesas audžuģimeņu reģistra.",
            "Foster families registered in the municipality at the end of the year, incl. "
            "specialised foster families (crisis foster families too), with or without a child "
            "placed now. Computed from the orphan's court's foster family register.",
        ),
        (
            Measure("families", Text("audžuģimenes", "foster families")),
            Measure("specialised", Text("t.sk. specializētās", "of which specialised")),
        ),
        T.ORPHANS_COURT,
        computable="yes",
        not_above=(("specialised", "families"),),
    ),
    # 6. Child participation
    IndicatorSpec(
        "P1",
        6,
        Text(
            "Skolēnu līdzpārvaldes izglītības iestādēs",
            "Student councils in educational institutions",
        ),
        Text(
            "Izglītības iestādes, kurās darbojas skolēnu līdzpārvalde, no visām iestādēm.",
            "Educational institutions with a student council, out of all institutions.",
        ),
        (
            Measure("with_council", Text("ar līdzpārvaldi", "with a student council")),
            Measure("schools", Text("iestādes kopā", "institutions in all")),
        ),
        T.EDUCATION_BOARD,
        not_above=(("with_council", "schools"),),
    ),
    IndicatorSpec(
        "P2",
        6,
        Text(
            "Bērnu iesaiste pašvaldības lēmumu pieņemšanā",
            "Involvement of children in council decision-making",
        ),
        Text(
            "Domes lēmumi vai plānošanas dokumenti, kuru sagatavošanā iesaistīti bērni "
            "(konsultācijas, jauniešu dome u.c.).",
            "Council decisions or planning documents prepared with children involved "
            "(consultations, youth council etc.).",
        ),
        (Measure("decisions", Text("lēmumi", "decisions")),),
        T.ADMINISTRATION,
    ),
    IndicatorSpec(
        "P3",
        6,
        Text(
            "Citi bērnu līdzdalību veicinoši pasākumi",
            "Other measures promoting child participation",
        ),
        Text(
            "Citi gada laikā īstenotie pasākumi bērnu līdzdalības veicināšanai un to dalībnieki.",
            "Other measures promoting child participation carried out during the year and their "
            "participants.",
        ),
        (Measure("measures", Text("pasākumi", "measures")), PARTICIPANTS),
        T.ADMINISTRATION,
    ),
)

GROUPS: dict[int, Text] = {
    1: Text("Tiesības uz izglītību", "Right to education"),
    2: Text("Tiesības uz atbilstošiem dzīves apstākļiem", "Adequate living conditions"),
    3: Text("Labvēlīga sociālā vide", "Favourable social environment"),
    4: Text("Bērni ar īpašām vajadzībām", "Children with special needs"),
    5: Text(
        "Bērni bez vecāku gādības: tiesības augt ģimenē",
        "Children without parental care: the right to grow up in a family",
    ),
    6: Text("Bērnu līdzdalība lēmumu pieņemšanā", "Child participation in decisions"),
}

BY_CODE = {spec.code: spec for spec in INDICATORS}
