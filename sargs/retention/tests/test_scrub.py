"""manage.py scrub on the demo data: no original name or personal code survives anywhere,
the audit trail's change records included; the same person gets the same new name; it refuses
production settings and a database it was not told to scrub."""

from __future__ import annotations

import json
import re

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.db import connection, models

from sargs.audit.models import AuditEntry
from sargs.cases.concerns.models import Concern
from sargs.organisations.models import User
from sargs.registry.models import Child, LegalRepresentative
from sargs.registry.testing import check_digit

pytestmark = pytest.mark.django_db


def _name() -> str:
    return str(connection.settings_dict["NAME"])  # the test database, known once it exists


def _everything() -> str:
    """Every text and JSON value in the database, the audit trail included."""
    parts: list[str] = []
    for model in apps.get_models():
        fields = [
            f.attname
            for f in model._meta.concrete_fields
            if isinstance(f, (models.CharField, models.TextField, models.JSONField))
        ]
        if model._meta.managed and fields:
            for row in model._default_manager.values_list(*fields):
                parts.extend(json.dumps(v, ensure_ascii=False) for v in row if v)
    return "\n".join(parts)


def _originals() -> tuple[set[str], set[str]]:
    names: set[str] = set()
    codes: set[str] = set()
    for model in (Child, LegalRepresentative):
        for first, last, code in model.objects.values_list(
            "first_name", "last_name", "personal_code"
        ):
            names.update(re.findall(r"[^\W\d_]{3,}", f"{first} {last}"))
            codes.update([code] if code else [])
    for first, last, code in Concern.objects.values_list(
        "child_first_name", "child_last_name", "child_personal_code"
    ):
        names.update(re.findall(r"[^\W\d_]{3,}", f"{first} {last}"))
        codes.update([code] if code else [])
    for first, last in User.objects.values_list("first_name", "last_name"):
        names.update(re.findall(r"[^\W\d_]{3,}", f"{first} {last}"))
    return names, codes


@pytest.fixture
def demo(settings) -> None:  # type: ignore[no-untyped-def]
    call_command("demo_data", verbosity=0)


def test_no_original_name_or_code_survives_anywhere(demo):
    names, codes = _originals()
    before = _everything()
    assert len(codes) >= 5 and len(names) > 20
    assert any(code in before for code in codes)  # the audit trail holds codes before
    assert AuditEntry.objects.exists()

    call_command("scrub", "--database-name", _name(), "--yes", verbosity=0)

    after = _everything()
    survivors = sorted(n for n in names if re.search(rf"(?<!\w){re.escape(n)}(?!\w)", after))
    assert survivors == []
    assert [c for c in codes if c in after or c.replace("-", "") in after] == []


def test_codes_are_valid_and_names_consistent(demo):
    family = {child.pk: child.last_name for child in Child.objects.all()}
    same_surname = [pk for pk, last in family.items() if last == next(iter(family.values()))]
    call_command("scrub", "--database-name", _name(), "--yes", verbosity=0)
    for code in Child.objects.exclude(personal_code=None).values_list("personal_code", flat=True):
        assert code.startswith("32") and int(code[10]) == check_digit(code[:10])
    new_names = set(Child.objects.filter(pk__in=same_surname).values_list("last_name", flat=True))
    assert len(new_names) == 1  # one original surname, one replacement


def test_scrub_refuses_production_a_wrong_database_and_no_yes(settings):
    with pytest.raises(CommandError, match="refusing to scrub"):
        call_command("scrub", "--database-name", "another_db", "--yes")
    with pytest.raises(CommandError, match="--yes"):
        call_command("scrub", "--database-name", _name())
    settings.PRODUCTION = True
    with pytest.raises(CommandError, match="production"):
        call_command("scrub", "--database-name", _name(), "--yes")
