"""Issue 15 on the case page: a "claim the cost" link for each child another municipality is
responsible for (an open handover), for the case team that may change the case, and a link to
the transfer summary on both cases of a handed-over child."""

from __future__ import annotations

import pytest

from sargs.cases.casework.transfer_models import CaseTransfer
from sargs.cases.concerns import services as concern_services
from sargs.cases.tests.helpers import open_case, report
from sargs.responsibility import services as responsibility_services
from sargs.responsibility.tests.helpers import proposed

pytestmark = pytest.mark.django_db


def page(client, case) -> str:
    response = client.get(f"/cases/{case.pk}/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    return response.content.decode()


def test_a_claim_link_for_a_child_another_municipality_is_responsible_for(cast, client_for):
    child, _handover = proposed(cast)  # the parents moved to B: B is responsible now
    case = concern_services.concern_accept(
        concern=report(cast), actor=cast.social_worker, child=child
    )
    text = page(client_for(cast.social_worker), case)
    assert f'href="/cases/{case.pk}/children/{child.pk}/claim/"' in text
    assert "transfer-link" not in text
    # The school that reported the concern sees the case page, but no claim.
    assert "/claim/" not in page(client_for(cast.school_staff), case)


def test_no_claim_link_when_the_own_municipality_is_responsible(cast, client_for):
    _concern, case, _child = open_case(cast)
    text = page(client_for(cast.social_worker), case)
    assert "/claim/" not in text and 'data-testid="case-elsewhere"' not in text


def test_both_cases_of_a_handed_over_child_link_the_transfer_summary(cast, client_for):
    child, handover = proposed(cast)
    old = concern_services.concern_accept(
        concern=report(cast), actor=cast.social_worker, child=child
    )
    responsibility_services.handover_accept(handover=handover, actor=cast.b_social_worker)
    transfer = CaseTransfer.objects.get(handover=handover)
    link = f'href="/cases/transfers/{transfer.pk}/"'

    sender = page(client_for(cast.social_worker), old)
    assert link in sender and "handed over to" in sender
    assert "/claim/" not in sender  # the case is closed

    receiver = page(client_for(cast.b_social_worker), transfer.to_case)
    assert link in receiver and "taken over from" in receiver
    assert "/claim/" not in receiver  # the receiver is responsible for the child now
