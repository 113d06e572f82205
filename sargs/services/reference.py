"""The national list of family support service types (domain.md §8), loaded by a data
migration. Municipalities build their catalogues on these types and may add their own
services under the type "other"."""

from __future__ import annotations

from typing import Any, NamedTuple


class TypeRow(NamedTuple):
    code: str
    name_lv: str
    name_en: str
    description: str
    target_group: str
    delivery: str  # municipal / contracted / either
    parent: str = ""


FAMILIES_AT_RISK = "Ģimenes ar bērniem, kurām ir sociālās funkcionēšanas grūtības vai riski"
PARENTS = "Vecāki un citi likumiskie pārstāvji, audžuģimenes, aizbildņi"

NATIONAL_SERVICE_TYPES: tuple[TypeRow, ...] = (
    TypeRow(
        "family-assistant",
        "Ģimenes asistents",
        "Family assistant",
        "Atbalsts ģimenei saskaņā ar individuālo sociālās rehabilitācijas plānu, kas balstīts "
        "riska novērtējumā: mājoklis, nodarbinātība, izglītība, budžeta plānošana, atkarības, "
        "veselība, sociālās prasmes, pašaprūpe, mājsaimniecība, bērnu aprūpe un audzināšana.",
        FAMILIES_AT_RISK,
        "either",
    ),
    TypeRow(
        "family-support-centre",
        "Ģimenes atbalsta centrs",
        "Family support centre",
        "Speciālisti (sociālie darbinieki, psihologi, sociālie pedagogi, pedagogi, sociālie "
        "rehabilitētāji): vecāku izglītības grupas, individuālas konsultācijas, rotaļu istaba, "
        "māmiņu un bērnu nodarbības, brīvā laika pavadīšana pēc skolas.",
        "Ģimenes ar bērniem",
        "either",
    ),
    TypeRow(
        "parent-group-emotional-upbringing",
        "Vecāku grupa „Bērnu emocionālā audzināšana”",
        "Parent group “Children's emotional upbringing”",
        "Vecāku izglītības grupa par bērnu emocionālo audzināšanu.",
        PARENTS,
        "either",
        "family-support-centre",
    ),
    TypeRow(
        "parent-group-teenagers",
        "Vecāku grupa „Ceļvedis, audzinot pusaudzi”",
        "Parent group “A guide to raising a teenager”",
        "Vecāku izglītības grupa par pusaudžu audzināšanu.",
        "Pusaudžu vecāki",
        "either",
        "family-support-centre",
    ),
    TypeRow(
        "parent-group-no-spanking",
        "Vecāku grupa „Bez pēriena”",
        "Parent group “No spanking”",
        "Vecāku izglītības grupa par pozitīvu disciplīnu bez fiziskiem sodiem.",
        PARENTS,
        "either",
        "family-support-centre",
    ),
    TypeRow(
        "individual-consultations",
        "Individuālas konsultācijas",
        "Individual consultations",
        "Speciālista individuālas konsultācijas vecākiem un bērniem.",
        "Ģimenes ar bērniem",
        "either",
        "family-support-centre",
    ),
    TypeRow(
        "playroom",
        "Rotaļu istaba",
        "Playroom",
        "Rotaļu istaba bērniem ar vecākiem.",
        "Ģimenes ar maziem bērniem",
        "either",
        "family-support-centre",
    ),
    TypeRow(
        "mother-and-child",
        "Māmiņu un bērnu nodarbības",
        "Mother-and-child sessions",
        "Nodarbības mātēm (vecākiem) kopā ar bērniem.",
        "Vecāki ar maziem bērniem",
        "either",
        "family-support-centre",
    ),
    TypeRow(
        "after-school-leisure",
        "Brīvā laika pavadīšana pēc skolas",
        "After-school leisure",
        "Pieskatīts un jēgpilns brīvais laiks bērniem pēc mācību stundām.",
        "Skolas vecuma bērni",
        "either",
        "family-support-centre",
    ),
    TypeRow(
        "crisis-intervention-team",
        "Krīzes intervences komanda",
        "Crisis intervention team",
        "Starpprofesionāla komanda (sociālais darbinieks, sociālais rehabilitētājs, psihologs, "
        "atkarību speciālists, ģimenes asistents), pieejama ģimenes dzīvesvietā visu diennakti; "
        "ģimene paraksta sadarbības līgumu, seko sociālās rehabilitācijas plāns.",
        "Ģimenes, kurās draud bērna ārpusģimenes aprūpe, un ģimenes pēc bērna steidzamas "
        "izņemšanas",
        "either",
    ),
    TypeRow(
        "psychologist",
        "Psihologa konsultācijas",
        "Psychologist",
        "Psihologa konsultācijas bērnam un ģimenei.",
        "Bērni un ģimenes",
        "either",
    ),
    TypeRow(
        "social-rehabilitation",
        "Sociālā rehabilitācija",
        "Social rehabilitation",
        "Sociālās rehabilitācijas pakalpojums saskaņā ar individuālo plānu.",
        "Bērni un ģimenes ar sociālās funkcionēšanas grūtībām; vardarbībā cietušie bērni",
        "either",
    ),
    TypeRow(
        "addiction-specialist",
        "Atkarību speciālista konsultācijas",
        "Addiction specialist",
        "Atkarību speciālista (narkologa, psihologa) konsultācijas un atbalsts.",
        "Bērni un vecāki ar atkarību riskiem",
        "either",
    ),
    TypeRow(
        "special-needs-families",
        "Pakalpojumi ģimenēm, kuras audzina bērnus ar īpašām vajadzībām",
        "Services for families raising children with special needs",
        "Atbalsts, atelpas brīža un aprūpes pakalpojumi ģimenēm ar bērniem ar invaliditāti vai "
        "īpašām vajadzībām.",
        "Ģimenes, kuras audzina bērnus ar īpašām vajadzībām",
        "either",
    ),
    TypeRow(
        "other",
        "Cits pašvaldības pakalpojums",
        "Other municipal service",
        "Pakalpojums, ko pašvaldība pievieno pati.",
        "",
        "either",
    ),
)


def load_service_types(model: Any) -> int:
    """Create or update the national list (by code); returns the number of types."""
    by_code: dict[str, Any] = {}
    for order, row in enumerate(NATIONAL_SERVICE_TYPES, start=1):
        obj, _ = model.objects.update_or_create(
            code=row.code,
            defaults={
                "name_lv": row.name_lv,
                "name_en": row.name_en,
                "description": row.description,
                "target_group": row.target_group,
                "delivery": row.delivery,
                "parent": by_code.get(row.parent) if row.parent else None,
                "sort_order": order * 10,
            },
        )
        by_code[row.code] = obj
    return len(by_code)
