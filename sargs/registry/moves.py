"""A child's record moving to another municipality's registry, with its family.

The registry owns these rows; ``responsibility`` calls ``family_move`` when a handover is
accepted (docs/adr/0006) and asks ``family_codes_kept`` first (personal codes are unique per
registry, docs/adr/0005). Both run inside the caller's transaction.
"""

from __future__ import annotations

from .models import Child, ChildRepresentative, Household, LegalRepresentative


def child_lock(pk: int) -> Child:
    """The child's row, locked for the rest of the transaction (one move or review at once)."""
    return Child.objects.select_for_update().get(pk=pk)


def _household_moves(household: Household | None, child: Child, source: int) -> bool:
    """The household goes with the child when no other of its children stays with ``source``."""
    return (
        household is not None
        and household.municipality_id == source
        and not household.children.exclude(pk=child.pk).filter(municipality_id=source).exists()
    )


def family_move(*, child: Child, source: int, target: int) -> None:
    """Move the child's record to ``target``; with it the household and the adults, except
    those who still represent a child that ``source`` keeps (they stay, and lose the link to a
    household that moved). Nobody keeps a link to a household kept by the other municipality."""
    household = (
        Household.objects.select_for_update().filter(pk=child.household_id).first()
        if child.household_id is not None
        else None
    )
    household_moves = _household_moves(household, child, source)
    moved_household_id = household.pk if household is not None and household_moves else None
    if household is not None and household_moves:
        household.municipality_id = target
        household.save(update_fields=["municipality", "updated_at"])
    child.municipality_id = target
    if household is not None and not household_moves:
        child.household = None
    child.save(update_fields=["municipality", "household", "updated_at"])

    adult_ids = set(
        LegalRepresentative.objects.filter(
            municipality_id=source, representations__child=child
        ).values_list("pk", flat=True)
    )
    if moved_household_id is not None:
        adult_ids |= set(
            LegalRepresentative.objects.filter(
                municipality_id=source, household_id=moved_household_id
            ).values_list("pk", flat=True)
        )
    staying = set(
        ChildRepresentative.objects.filter(
            representative_id__in=adult_ids, child__municipality_id=source
        ).values_list("representative_id", flat=True)
    )
    for adult in LegalRepresentative.objects.select_for_update().filter(pk__in=adult_ids):
        fields = []
        if adult.pk not in staying:
            adult.municipality_id = target
            fields.append("municipality")
        in_moved = adult.household_id is not None and adult.household_id == moved_household_id
        if adult.household_id is not None and in_moved == (adult.pk in staying):
            adult.household = None
            fields.append("household")
        if fields:
            adult.save(update_fields=[*fields, "updated_at"])


def family_codes_kept(*, child: Child, municipality_id: int) -> bool:
    """Whether ``municipality_id``'s registry already keeps the personal code of the child or
    of a parent who would move with it (the records must be merged before the move)."""
    parents = LegalRepresentative.objects.filter(
        municipality_id=child.municipality_id, representations__child=child
    ).values_list("personal_code", flat=True)
    codes = [c for c in (child.personal_code, *parents) if c]
    return (
        Child.objects.filter(municipality_id=municipality_id, personal_code__in=codes)
        .exclude(pk=child.pk)
        .exists()
        or LegalRepresentative.objects.filter(
            municipality_id=municipality_id, personal_code__in=codes
        ).exists()
    )
