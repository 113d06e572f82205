"""The bulk writer: COPY on PostgreSQL, bulk_create elsewhere, with ids chosen by the caller."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection, transaction
from django.utils import timezone

from sargs.audit.models import AuditEntry
from sargs.organisations.models import Municipality
from sargs.registry.models import Household
from sargs.scale.generator.audit import COLUMNS
from sargs.scale.generator.writer import Json, Writer, bulk_loading

pytestmark = pytest.mark.django_db


def test_rows_arrive_unchanged_and_the_sequence_moves_past_them():
    municipality = Municipality.objects.get(atvk="0054000")
    when = timezone.make_aware(datetime.datetime(2025, 3, 4, 10, 11, 12))
    awkward = 'Tab\there, new\nline, back\\slash, "quotes" and Ģ'
    writer = Writer()
    first = writer.next_id(Household)
    with transaction.atomic(), bulk_loading([Household]):
        writer.write(
            Household,
            ["id", "municipality_id", "name", "note", "created_at", "updated_at"],
            [(first, municipality.pk, awkward, "", when, when),
             (first + 1, municipality.pk, "Ozolu ģimene", "\\N", when, when)],
        )  # fmt: skip
        writer.reset_sequences()
    writer.close()
    stored = Household.objects.get(pk=first)
    assert stored.name == awkward
    assert Household.objects.get(pk=first + 1).note == "\\N"  # text, not NULL
    if connection.vendor == "postgresql":
        assert stored.created_at == when
    # A row added the ordinary way gets the next id, not one the writer used.
    assert Household.objects.create(municipality=municipality, name="x").pk == first + 2


def test_a_column_left_out_is_refused():
    with pytest.raises(ValueError, match="missing"):
        Writer().write(Household, ["id", "name"], [(1, "x")])


def test_json_written_as_text_is_stored_as_json():
    writer = Writer()
    pk = writer.next_id(AuditEntry)
    with transaction.atomic():
        writer.write(
            AuditEntry,
            COLUMNS,
            [(pk, 1, "1", 1, "x", None, 3, "", None, None, None, None, None, timezone.now(),
              Json('{"municipality_id": 5}'), None, None)],
        )  # fmt: skip
    writer.close()
    assert AuditEntry.objects.get(pk=pk).additional_data == {"municipality_id": 5}
