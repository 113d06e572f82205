"""Parents entered once per household (issue 15, point 4). Until now a parent was recorded
again for each child when entered without a personal code, so a household listed them once
per child. Duplicates — the same household, the same name (case and diacritics aside), no
contradicting birth date or personal code — are merged into the oldest record: its missing
code and birth date are taken from the others, their links to children and their residences
move to it (a residence the survivor already has is not copied), and the copies are removed. A child linked to two copies keeps one link (the
oldest, which carries its custody history; the other link's custody rows move to it when it
has none). Not reversible: the copies are gone, their data kept on the survivor."""

from __future__ import annotations

from django.db import migrations
from django.db.models import ProtectedError


def _compatible(a, b) -> bool:
    return (not a.personal_code or not b.personal_code or a.personal_code == b.personal_code) and (
        a.birth_date is None or b.birth_date is None or a.birth_date == b.birth_date
    )


def _delete_if_free(obj) -> None:
    """Delete unless something still protects it (a court's placement, a proceeding)."""
    try:
        obj.delete()
    except ProtectedError:
        pass


def _take_over_details(keep, person) -> None:
    if not keep.personal_code and person.personal_code:
        code = person.personal_code
        person.personal_code = None  # free the code first: it is unique per municipality
        person.save(update_fields=["personal_code"])
        keep.personal_code = code
    keep.birth_date = keep.birth_date or person.birth_date
    keep.save(update_fields=["personal_code", "birth_date"])


def _move_relations(apps, keep, person) -> None:
    Relation = apps.get_model("registry", "ChildRepresentative")
    Custody = apps.get_model("registry", "CustodyRecord")
    for relation in Relation.objects.filter(representative=person):
        kept = Relation.objects.filter(child_id=relation.child_id, representative=keep).first()
        if kept is None:
            relation.representative = keep
            relation.save(update_fields=["representative"])
            continue
        if not Custody.objects.filter(relation=kept).exists():
            Custody.objects.filter(relation=relation).update(relation=kept)
        if kept.lives_with_child != (kept.lives_with_child or relation.lives_with_child):
            kept.lives_with_child = True
            kept.save(update_fields=["lives_with_child"])
        if not Custody.objects.filter(relation=relation).exists():
            _delete_if_free(relation)  # both links carrying custody history: both stay


def _move_residences(Residence, keep, person) -> None:
    """The copy's residences move to the survivor; one the survivor already has (same kind,
    municipality, address and dates) is not moved twice."""
    held = set(
        Residence.objects.filter(representative=keep).values_list(
            "kind", "municipality_id", "address", "valid_from", "valid_to"
        )
    )
    for residence in Residence.objects.filter(representative=person):
        key = (
            residence.kind,
            residence.municipality_id,
            residence.address,
            residence.valid_from,
            residence.valid_to,
        )
        if key in held:
            residence.delete()
        else:
            residence.representative = keep
            residence.save(update_fields=["representative"])


def merge_duplicates(apps, schema_editor) -> None:
    Representative = apps.get_model("registry", "LegalRepresentative")
    Relation = apps.get_model("registry", "ChildRepresentative")
    Residence = apps.get_model("registry", "ResidenceRecord")
    groups: dict[tuple[int, str], list] = {}
    for person in Representative.objects.filter(household__isnull=False).order_by("pk"):
        groups.setdefault((person.household_id, person.search_name), []).append(person)
    for people in groups.values():
        survivors: list = []
        for person in people:
            keep = next((s for s in survivors if _compatible(s, person)), None)
            if keep is None:
                survivors.append(person)
                continue
            _take_over_details(keep, person)
            _move_relations(apps, keep, person)
            _move_residences(Residence, keep, person)
            if not Relation.objects.filter(representative=person).exists():
                _delete_if_free(person)


class Migration(migrations.Migration):
    dependencies = [("registry", "0004_custody_source_db_default")]

    operations = [migrations.RunPython(merge_duplicates, migrations.RunPython.noop)]
