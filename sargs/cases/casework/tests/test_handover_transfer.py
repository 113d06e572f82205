"""Issue 15.2: an accepted handover carries the child's open case to the receiving
municipality; the sender's case closes as "moved to another municipality"; both keep a trace."""

from __future__ import annotations

import pytest

from sargs.cases.casework.models import Case, CaseChild, CaseOutcome, CaseStatus, EntryKind
from sargs.cases.casework.transfer_models import CaseTransfer
from sargs.cases.concerns import services as concern_services
from sargs.cases.tests.helpers import report
from sargs.responsibility import services as responsibility_services
from sargs.responsibility.tests.helpers import proposed

pytestmark = pytest.mark.django_db


def test_accepted_handover_moves_the_case(cast, client_for):
    child, handover = proposed(cast)
    concern = report(cast)
    old = concern_services.concern_accept(concern=concern, actor=cast.social_worker, child=child)
    responsibility_services.handover_accept(handover=handover, actor=cast.b_social_worker)

    old.refresh_from_db()
    assert old.status == CaseStatus.CLOSED and old.outcome == CaseOutcome.MOVED
    transfer = CaseTransfer.objects.get(handover=handover)
    new = transfer.to_case
    assert new.municipality == cast.municipality_b and new.status == CaseStatus.OPEN
    assert CaseChild.objects.get(child=child, active=True).case == new
    assert [c["id"] for c in transfer.summary["concerns"]] == [concern.pk]
    assert old.timeline.filter(kind=EntryKind.TRANSFER).exists()
    assert new.timeline.filter(kind=EntryKind.TRANSFER).exists()

    sender, receiver = client_for(cast.social_worker), client_for(cast.b_social_worker)
    # The receiver opens its case, the case the child came from and the summary (Word too).
    assert receiver.get(f"/cases/{new.pk}/").status_code == 200
    assert receiver.get(f"/cases/{old.pk}/").status_code == 200
    assert receiver.get(f"/cases/transfers/{transfer.pk}/").status_code == 200
    assert receiver.get(f"/cases/transfers/{transfer.pk}/document.docx").status_code == 200
    # The sender sees that and when, never the receiving case.
    page = sender.get(f"/cases/transfers/{transfer.pk}/")
    assert page.status_code == 200 and f"/cases/{new.pk}/" not in page.content.decode()
    assert sender.get(f"/cases/{new.pk}/").status_code == 404
    assert Case.objects.count() == 2


def test_handover_without_an_open_case_moves_only_the_record(cast):
    _child, handover = proposed(cast)
    responsibility_services.handover_accept(handover=handover, actor=cast.b_social_worker)
    assert not CaseTransfer.objects.exists()
