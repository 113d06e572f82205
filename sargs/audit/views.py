"""The audit trail page and its export. Searches are POSTed (a personal code never goes into a
URL); a plain GET shows the newest entries. A search about a person is itself recorded as a read
of that person's data. The page moves to older or newer entries from the position of its last or
first row (buttons of the search form, so the search goes with them); it counts nothing."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from sargs.core.access import access
from sargs.core.pages import page_size
from sargs.organisations.principal import principal_for

from .access import CAN_SEARCH_AUDIT
from .export import audit_csv, record_audit_export
from .forms import AuditSearchForm
from .models import AuditEntry
from .presentation import present_entries
from .selectors import Position, audit_entry_search, audit_subjects, entry_page
from .services import record_views
from .subjects import RecordRef, Subject

# Twice the common page: an audit trail is read as a long run of one-line entries, scanned by
# date and person, where paging every 25 rows hides the sequence the reader is following.
AUDIT_PAGE_SIZE_FACTOR = 2


@dataclass
class Search:
    entries: QuerySet[AuditEntry]
    about_a_person: bool = False
    subjects: list[Subject] = field(default_factory=list)


def _search(request: HttpRequest, form: AuditSearchForm) -> Search:
    principal = principal_for(request)
    if not form.is_bound:
        return Search(entries=audit_entry_search(principal=principal))
    if not form.is_valid():
        return Search(entries=AuditEntry.objects.none())
    data = form.cleaned_data
    about: list[RecordRef] | None = None
    subjects: list[Subject] = []
    if form.about_a_person:
        subjects = audit_subjects(
            principal=principal, name=data["name"], personal_code=data["personal_code"]
        )
        about = [ref for subject in subjects for ref in subject.records]
    action = data.get("action")
    entries = audit_entry_search(
        principal=principal,
        actor_username=data.get("actor", ""),
        action=int(action) if action else None,
        object_type=data.get("object_type", ""),
        date_from=data.get("date_from"),
        date_to=data.get("date_to"),
        about=about,
    )
    return Search(entries=entries, about_a_person=form.about_a_person, subjects=subjects)


@access(CAN_SEARCH_AUDIT)
@require_http_methods(["GET", "POST"])
def entry_list(request: HttpRequest) -> HttpResponse:
    """Search the audit trail of the coordinator's municipality."""
    form = AuditSearchForm(request.POST if request.method == "POST" else None)
    search = _search(request, form)
    asked = request.POST if request.method == "POST" else request.GET
    page = entry_page(
        search.entries,
        size=AUDIT_PAGE_SIZE_FACTOR * page_size(),
        older_than=Position.parse(asked.get("older")),
        newer_than=Position.parse(asked.get("newer")),
    )
    if search.subjects:
        people = [subject.record for subject in search.subjects]
        record_views(request=request, objs=people, purpose="audit search")
    context = {
        "form": form,
        "page_obj": page,
        "rows": present_entries(page.entries),
        "search": search,
    }
    return render(request, "audit/entry_list.html", context)


@access(CAN_SEARCH_AUDIT)
@require_POST
def entry_export(request: HttpRequest) -> HttpResponse:
    """The search's entries as a CSV file (at most ``export.EXPORT_LIMIT``); recorded itself."""
    form = AuditSearchForm(request.POST)
    if not form.is_valid():
        search = _search(request, form)
        page = entry_page(search.entries, size=AUDIT_PAGE_SIZE_FACTOR * page_size())
        context = {"form": form, "page_obj": page, "rows": [], "search": search}
        return render(request, "audit/entry_list.html", context, status=400)
    search = _search(request, form)
    content, rows = audit_csv(search.entries)
    record_audit_export(
        request=request, principal=principal_for(request), subjects=search.subjects, rows=rows
    )
    filename = f"audit-{timezone.localdate():%Y-%m-%d}.csv"
    response = HttpResponse(content, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
