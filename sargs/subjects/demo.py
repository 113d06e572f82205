"""Demo: a mother's request to see what Sargs holds about her daughter (GDPR art. 15), open,
with the child found by personal code; and an earlier request, answered."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from sargs.cases.demo import MARKER_CODE
from sargs.organisations.demo import DEMO_MUNICIPALITY
from sargs.organisations.models import Municipality, User

from . import services
from .models import LegalBasis, RequesterRelation, SubjectRequest

DEMO_REQUESTER = "Sandra Ozoliņa"


@transaction.atomic
def load_subjects_demo() -> dict[str, int]:
    town = Municipality.objects.get(atvk=DEMO_MUNICIPALITY)
    if SubjectRequest.objects.filter(municipality=town, requester_name=DEMO_REQUESTER).exists():
        return {"requests": 0}
    officer = User.objects.get(username="datuaizsardziba")
    today = timezone.localdate()
    earlier = services.request_create(
        actor=officer,
        municipality=town,
        requester_name="Jānis Kalniņš",
        requester_relation=RequesterRelation.SELF,
        legal_basis=LegalBasis.ACCESS,
        received_on=today - datetime.timedelta(days=60),
        note="Iesniegums klātienē; personība pārbaudīta pēc pases.",
    )
    services.request_answer(actor=officer, request=earlier)
    request = services.request_create(
        actor=officer,
        municipality=town,
        requester_name=DEMO_REQUESTER,
        requester_relation=RequesterRelation.PARENT,
        legal_basis=LegalBasis.ACCESS,
        received_on=today - datetime.timedelta(days=3),
        note="Iesniegums ar drošu elektronisko parakstu.",
    )
    for person in services.person_lookup(actor=officer, request=request, personal_code=MARKER_CODE):
        services.request_person_add(actor=officer, request=request, person=person)
    return {"requests": 2}


# Found by `manage.py demo_data` (sargs.core.demo), after the apps below this one.
DEMO_PARTS = [("subject requests", load_subjects_demo)]
