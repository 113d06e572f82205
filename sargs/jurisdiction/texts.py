"""User-facing texts of the BTAL 67 engine in Latvian and English.

The engine also runs outside a request (the management command, scripts), so it does not rely on
Django's active translation: each language is a plain dictionary of templates, chosen explicitly.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Literal

Lang = Literal["lv", "en"]
LANGUAGES: tuple[Lang, ...] = ("lv", "en")

# Who a residence belongs to: "mother", "father" or "parents" (both, when they agree).
Who = Literal["mother", "father", "parents"]

# Latvian needs the genitive ("pie mātes", "mātes dzīvesvieta") and the dative ("mātei nav …").
_WHO: dict[Lang, dict[str, dict[Who, str]]] = {
    "lv": {
        "of": {"mother": "mātes", "father": "tēva", "parents": "vecāku"},
        "to": {"mother": "mātei", "father": "tēvam", "parents": "vecākiem"},
        "obj": {"mother": "mātes", "father": "tēva", "parents": "abiem vecākiem"},
    },
    "en": {
        "of": {"mother": "the mother's", "father": "the father's", "parents": "the parents'"},
        "to": {"mother": "the mother", "father": "the father", "parents": "the parents"},
        "obj": {"mother": "the mother", "father": "the father", "parents": "both parents"},
    },
}

_KIND: dict[Lang, dict[bool, str]] = {
    "lv": {True: "deklarētā", False: "faktiskā"},
    "en": {True: "declared", False: "actual"},
}

_ORDINALS_LV = {
    1: "pirmā",
    2: "otrā",
    3: "trešā",
    4: "ceturtā",
    5: "piektā",
    6: "sestā",
    7: "septītā",
}

TEMPLATES: dict[Lang, dict[str, str]] = {
    "lv": {
        "agree": "Atbildīgā pašvaldība ir {name} ({atvk}), jo tur ir bērna {residences} ({law}).",
        "lives_with": (
            "Atbildīgā pašvaldība ir {name} ({atvk}): vecāku dzīvesvietas ir dažādās pašvaldībās, "
            "bērns dzīvo pie {obj}, un tur ir {residence} ({law})."
        ),
        "actual_used": "{To} nav norādīta deklarētā dzīvesvieta, tāpēc ņemta vērā faktiskā.",
        "care": (
            "Atbildīgā pašvaldība ir {name} ({atvk}): bērns kopš {since} atrodas ārpusģimenes "
            "aprūpē, un bērna dzīvesvieta saglabājas tās pašvaldības teritorijā, kura pieņēma "
            "lēmumu par ārpusģimenes aprūpi ({law})."
        ),
        "child_own": (
            "Atbildīgā pašvaldība ir {name} ({atvk}): ziņu par bērna vecākiem nav, tāpēc "
            "BTAL 67. panta otro un trešo daļu nevar piemērot, un par bērna dzīvesvietu uzskatīta "
            "paša bērna deklarētā dzīvesvieta ({law})."
        ),
        "undetermined_nothing": (
            "Atbildīgo pašvaldību nevar noteikt: ziņu par bērna vecākiem nav un bērnam nav "
            "norādīta deklarētā dzīvesvieta, tāpēc BTAL 67. panta pirmā līdz trešā daļa atbildi "
            "nedod."
        ),
        "undetermined_no_residence": (
            "Atbildīgo pašvaldību nevar noteikt: nav zināma ne vecāku deklarētā, ne faktiskā "
            "dzīvesvieta (BTAL 67. panta otrā un trešā daļa)."
        ),
        "undetermined_both": (
            "Atbildīgo pašvaldību nevar noteikt: vecāku dzīvesvietas ir dažādās pašvaldībās "
            "({first} un {second}), bet bērns dzīvo pie abiem vecākiem, tāpēc BTAL 67. panta "
            "otrā daļa nenosaka, kura dzīvesvieta ir noteicošā."
        ),
        "undetermined_neither": (
            "Atbildīgo pašvaldību nevar noteikt: vecāku dzīvesvietas ir dažādās pašvaldībās "
            "({first} un {second}), un bērns nedzīvo ne pie viena no vecākiem; šo gadījumu "
            "BTAL 67. pants neregulē."
        ),
        "undetermined_unknown_parent": (
            "Atbildīgo pašvaldību nevar noteikt: bērns dzīvo pie {obj}, bet {of} dzīvesvieta "
            "(ne deklarētā, ne faktiskā) nav zināma, tāpēc nevar pārbaudīt, vai vecāku "
            "dzīvesvietas ir vienā pašvaldībā (BTAL 67. panta otrā un trešā daļa)."
        ),
        "note_successor": (
            "{old_name} ({old_atvk}) {day} vairs nepastāvēja; izmantots pēctecis {name} ({atvk})."
        ),
        "note_unknown_parent": "{Of} dzīvesvieta nav zināma; ņemta vērā tikai {known} dzīvesvieta.",
        "note_child_elsewhere": (
            "Bērna paša deklarētā dzīvesvieta ir citā pašvaldībā: {name} ({atvk}), taču "
            "noteicošā ir vecāku dzīvesvieta ({law})."
        ),
        "note_child_undeclared": (
            "Bērnam nav norādīta deklarētā dzīvesvieta; noteicošā joprojām ir vecāku deklarētā "
            "dzīvesvieta ({law})."
        ),
        "note_care_later": (
            "Ārpusģimenes aprūpe sākas tikai {since}, tāpēc {day} BTAL 67. panta ceturtā daļa "
            "vēl netiek piemērota."
        ),
        "note_danger_unknown_place": (
            "Bērns atrodas dzīvībai vai veselībai bīstamos apstākļos, bet nav zināms, kur bērns "
            "atrodas; palīdzību sniedz pašvaldība, kurā bērns atrodas (BTAL 67. panta piektā daļa)."
        ),
        "note_costs_open": (
            "Norēķinus par sociālajiem pakalpojumiem (BTAL 67. panta septītā daļa) nevar "
            "noteikt, kamēr nav noteikta atbildīgā pašvaldība."
        ),
    },
    "en": {
        "agree": (
            "The responsible municipality is {name} ({atvk}) because {residences} {be} there "
            "({law})."
        ),
        "lives_with": (
            "The responsible municipality is {name} ({atvk}): the parents' residences are in "
            "different municipalities, the child lives with {obj}, and {residence} is there "
            "({law})."
        ),
        "actual_used": "No declared residence is given for {to}, so the actual residence counts.",
        "care": (
            "The responsible municipality is {name} ({atvk}): the child has been in "
            "out-of-family care since {since}, and the child's residence stays in the territory "
            "of the municipality that decided on the care ({law})."
        ),
        "child_own": (
            "The responsible municipality is {name} ({atvk}): no parents are given, so BTAL 67(2) "
            "and 67(3) cannot be applied, and the child's own declared residence is taken as the "
            "child's residence ({law})."
        ),
        "undetermined_nothing": (
            "The responsible municipality cannot be determined: no parents are given and the "
            "child has no declared residence, so BTAL 67(1) to 67(3) give no answer."
        ),
        "undetermined_no_residence": (
            "The responsible municipality cannot be determined: neither a declared nor an actual "
            "residence of the parents is known (BTAL 67(2), 67(3))."
        ),
        "undetermined_both": (
            "The responsible municipality cannot be determined: the parents' residences are in "
            "different municipalities ({first} and {second}) and the child lives with both "
            "parents, so BTAL 67(2) does not say which residence counts."
        ),
        "undetermined_neither": (
            "The responsible municipality cannot be determined: the parents' residences are in "
            "different municipalities ({first} and {second}) and the child lives with neither of "
            "them; BTAL article 67 does not settle this case."
        ),
        "undetermined_unknown_parent": (
            "The responsible municipality cannot be determined: the child lives with {obj}, but "
            "neither a declared nor an actual residence of {to} is known, so it cannot be checked "
            "whether the parents live in the same municipality (BTAL 67(2), 67(3))."
        ),
        "note_successor": (
            "{old_name} ({old_atvk}) no longer existed on {day}; its successor {name} ({atvk}) "
            "is used."
        ),
        "note_unknown_parent": (
            "{Of} residence is not known; only {known} residence was considered."
        ),
        "note_child_elsewhere": (
            "The child's own declared residence is in another municipality, {name} ({atvk}), "
            "but the parents' residence counts ({law})."
        ),
        "note_child_undeclared": (
            "No declared residence is given for the child; the parents' declared residence "
            "still counts ({law})."
        ),
        "note_care_later": (
            "The out-of-family care begins only on {since}, so BTAL 67(4) does not apply yet on "
            "{day}."
        ),
        "note_danger_unknown_place": (
            "The child is in conditions dangerous to life or health, but it is not known where "
            "the child actually is; help is given by the municipality where the child is "
            "(BTAL 67(5))."
        ),
        "note_costs_open": (
            "The settlement of costs for social services (BTAL 67(7)) cannot be set out until the "
            "responsible municipality is determined."
        ),
    },
}


def render(lang: Lang, key: str, **params: str) -> str:
    """Fill in the template ``key`` of language ``lang``."""
    return TEMPLATES[lang][key].format(**params)


def format_date(day: datetime.date) -> str:
    """A date as shown to people: dd.mm.yyyy."""
    return day.strftime("%d.%m.%Y")


def capitalize(text: str) -> str:
    """Upper-case the first letter only ("the mother's" → "The mother's")."""
    return text[:1].upper() + text[1:]


def who(lang: Lang, case: Literal["of", "to", "obj"], person: Who) -> str:
    """How to refer to a parent (or both) in the grammatical case the sentence needs."""
    return _WHO[lang][case][person]


def residence(lang: Lang, person: Who, declared: bool) -> str:
    """ "mātes deklarētā dzīvesvieta" / "the mother's declared residence"."""
    noun = "dzīvesvieta" if lang == "lv" else "residence"
    return f"{who(lang, 'of', person)} {_KIND[lang][declared]} {noun}"


def join_and(lang: Lang, items: Iterable[str]) -> str:
    """Join phrases with "un" / "and"."""
    return (" un " if lang == "lv" else " and ").join(items)


def law(lang: Lang, parts: Iterable[int]) -> str:
    """Cite parts of article 67: "BTAL 67. panta otrā un trešā daļa" / "BTAL 67(2), 67(3)"."""
    numbers = sorted(set(parts))
    if lang == "en":
        return "BTAL " + ", ".join(f"67({n})" for n in numbers)
    ordinals = [_ORDINALS_LV[n] for n in numbers]
    if len(ordinals) > 1:
        ordinals = [", ".join(ordinals[:-1]), ordinals[-1]]
    return f"BTAL 67. panta {' un '.join(ordinals)} daļa"
