"""Existing data under the issue 16 rules, before their constraints (0007) are added:

* custody records the registry's form wrote (no court matter or judgment with that parent and
  date) are marked as history, with a note saying so;
* a term to remedy beyond the term for the decision extends that term, with the reason;
* a suspension decided without a passed term or a recorded urgent reason is marked
  "decided before Sargs checked the order of steps" (no reason is invented);
* "emergency" on a placement other than institutional care is cleared (the three-month limit
  is BTAL 37's short-term institutional care only); its review date stays as it was;
* free-text carers: foster families go into the court's register (one per municipality, name
  and kind), institutions and guardians are linked where exactly one registered match is
  found; anything else keeps its name in ``carer``.
"""

from django.db import migrations
from django.db.models import F

HISTORY_NOTE = (
    "Ierakstīts reģistrā pirms aizgādības lēmumi Sargs tika reģistrēti bāriņtiesas lietā."
)
EXTENSION_NOTE = (
    "Termiņš pagarināts līdz termiņam trūkumu novēršanai, ieviešot lēmuma secības pārbaudi."
)
URGENT_NOTE = "Lēmums pieņemts, pirms Sargs pārbaudīja soļu secību; iemesls nav ierakstīts."
FORM_KIND = {
    "foster_family": "ordinary",
    "specialised_foster": "specialised",
    "crisis_foster": "crisis",
}


def _custody_history(apps):
    record = apps.get_model("registry", "CustodyRecord")
    proceeding = apps.get_model("cases", "Proceeding")
    judgment = apps.get_model("cases", "CourtJudgment")
    for row in record.objects.all():
        from_matter = (
            proceeding.objects.filter(
                custody_relation_id=row.relation_id, decided_on=row.effective_from
            ).exists()
            or judgment.objects.filter(
                relation_id=row.relation_id, judged_on=row.effective_from
            ).exists()
        )
        if not from_matter:
            row.source = "historical"
            row.note = row.note or HISTORY_NOTE
            row.save(update_fields=["source", "note"])


def _proceedings(apps):
    proceeding = apps.get_model("cases", "Proceeding")
    for row in proceeding.objects.filter(remedy_until__gt=F("decision_due")):
        row.decision_due = row.remedy_until
        row.extension_reason = EXTENSION_NOTE
        row.save(update_fields=["decision_due", "extension_reason"])
    proceeding.objects.filter(custody_outcome="suspended", urgent_reason="").exclude(
        remedy_until__lt=F("decided_on")
    ).update(urgent_reason="not_recorded", urgent_note=URGENT_NOTE)


def _placements(apps):
    placement = apps.get_model("cases", "Placement")
    family = apps.get_model("cases", "FosterFamily")
    institution = apps.get_model("organisations", "Institution")
    relation = apps.get_model("registry", "ChildRepresentative")
    placement.objects.filter(emergency=True).exclude(form="institution").update(emergency=False)
    for row in placement.objects.filter(
        foster_family__isnull=True, guardian__isnull=True, care_institution__isnull=True
    ).exclude(carer=""):
        name = row.carer.strip()
        if row.form in FORM_KIND:
            court = (
                institution.objects.filter(
                    type="orphans_court", municipality_id=row.deciding_municipality_id
                )
                .order_by("pk")
                .first()
            )
            if court is None:
                continue
            found, _ = family.objects.get_or_create(
                municipality_id=row.deciding_municipality_id,
                name=name,
                kind=FORM_KIND[row.form],
                defaults={
                    "court": court,
                    "places": 1,
                    "registered_on": row.placed_on,
                    "status_since": row.placed_on,
                    "note": "Pārnests no brīvā teksta aprūpētāja lauka.",
                },
            )
            if found.registered_on > row.placed_on:
                found.registered_on = found.status_since = row.placed_on
                found.save(update_fields=["registered_on", "status_since"])
            row.foster_family = found
            row.carer = ""
        elif row.form == "institution":
            matches = list(
                institution.objects.filter(type="childcare_institution", name__iexact=name)[:2]
            )
            if len(matches) == 1:
                row.care_institution = matches[0]
                row.carer = ""
        elif row.form == "guardianship":
            matches = [
                r.representative
                for r in relation.objects.filter(
                    child_id=row.child_id, role="guardian"
                ).select_related("representative")
                if f"{r.representative.first_name} {r.representative.last_name}".lower()
                == name.lower()
            ]
            if len(matches) == 1:
                row.guardian = matches[0]
                row.carer = ""
        row.save(update_fields=["foster_family", "care_institution", "guardian", "carer"])


def forwards(apps, schema_editor):
    _custody_history(apps)
    _proceedings(apps)
    _placements(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0005_court_order_register_support_record"),
        ("registry", "0003_custody_source_and_ground_203_3"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
