"""factory_boy factories for concerns and cases: rows written directly, for setting up a test's
world when the test is not about how they came to be.

A test about reporting, taking up or closing goes through the services (``cases/tests/helpers.py``
does): they write the audit trail and the timeline, which these factories do not. Only tests
import this module: factory_boy is a test dependency.
"""

from __future__ import annotations

import datetime

import factory
from django.utils import timezone

from sargs.registry.factories import ChildFactory

from .casework.models import Case, CaseChild
from .concerns.models import Concern, ConcernPlace


class ConcernFactory(factory.django.DjangoModelFactory[Concern]):
    """A new concern about a child not (yet) linked to the registry."""

    class Meta:
        model = Concern

    reporting_institution = None  # pass the reporting institution
    municipality = factory.LazyAttribute(lambda o: o.reporting_institution.municipality)
    child_first_name = "Anna"
    child_last_name = "Bērziņa"
    child_birth_date = datetime.date(2015, 3, 4)
    categories = factory.LazyFunction(lambda: ["neglect"])
    description = "Nāk uz skolu izsalkusi."
    observed_on = factory.LazyFunction(timezone.localdate)
    place = ConcernPlace.SCHOOL
    observed_by = "Klases audzinātāja"
    triage_due = factory.LazyAttribute(lambda o: o.observed_on + datetime.timedelta(days=1))


class CaseFactory(factory.django.DjangoModelFactory[Case]):
    """An open case of ``municipality`` (no child: add ``CaseChildFactory`` rows)."""

    class Meta:
        model = Case

    municipality = None  # a classifier row: pass it
    social_worker = None
    opened_on = factory.LazyFunction(timezone.localdate)


class CaseChildFactory(factory.django.DjangoModelFactory[CaseChild]):
    class Meta:
        model = CaseChild

    case = None
    child = factory.SubFactory(
        ChildFactory, municipality=factory.SelfAttribute("..case.municipality")
    )
    added_on = factory.LazyAttribute(lambda o: o.case.opened_on)
    active = True
