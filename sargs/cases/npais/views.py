"""NPAIS oversight pages: the list of expected entries (per institution for the coordinator)
and the confirmation that an entry was made (issue 16 point 9)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sargs.cases.casework import selectors as case_selectors
from sargs.cases.casework.access import SEES_CASES
from sargs.core.access import access
from sargs.core.forms import run_action
from sargs.core.pages import page_of
from sargs.organisations.principal import principal_for, signed_in_user

from . import selectors
from .access import can_confirm, oversees
from .services import npais_entry_confirm


@access(SEES_CASES)
def npais_list(request: HttpRequest) -> HttpResponse:
    principal = principal_for(request)
    entries = selectors.entry_list(principal=principal)
    page = page_of(request, entries)
    rows = [
        {
            "entry": e,
            "content": selectors.entry_content(e),
            "late": selectors.is_late(e),
            "can_confirm": can_confirm(principal, e),
        }
        for e in page.object_list
    ]
    shown = list(page.object_list)
    case_selectors.record_reads_with_children(
        request=request,
        shown=shown,
        case_ids=[e.case_id for e in shown],
        child_ids=[e.concern.child_id for e in shown if e.concern is not None],
        purpose="npais",
    )
    return render(
        request,
        "cases/npais_list.html",
        {
            "page_obj": page,
            "rows": rows,
            "summary": selectors.institution_summary(entries=entries)
            if oversees(principal)
            else [],
        },
    )


@access(SEES_CASES)
@require_POST
def npais_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    entry = get_object_or_404(selectors.entry_list(principal=principal_for(request)), pk=pk)
    actor = signed_in_user(request)
    run_action(
        request,
        lambda: npais_entry_confirm(entry=entry, actor=actor),
        done=_("The NPAIS entry was confirmed."),
    )
    return redirect("cases:npais-list")
