from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from sargs.core.access import access
from sargs.organisations.principal import principal_for

from .access import CAN_SEARCH_AUDIT
from .forms import AuditSearchForm
from .selectors import audit_entry_search

PAGE_SIZE = 50


@access(CAN_SEARCH_AUDIT)
def entry_list(request: HttpRequest) -> HttpResponse:
    """Search the audit trail of the coordinator's municipality."""
    form = AuditSearchForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    action = data.get("action")
    qs = audit_entry_search(
        principal=principal_for(request),
        actor_username=data.get("actor", ""),
        action=int(action) if action else None,
        object_type=data.get("object_type", ""),
        object_pk=data.get("object_pk", ""),
        date_from=data.get("date_from"),
        date_to=data.get("date_to"),
    )
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "audit/entry_list.html", {"form": form, "page_obj": page})
