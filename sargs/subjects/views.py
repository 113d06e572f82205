"""Pages of the data protection officer: requests, the person lookup, exports and corrections.

Thin: every read through ``selectors``, every write through ``services``. A person is found
only by their exact personal code (POST, never in a URL); every export is recorded as a read
of the person's record, with the request and the format, before it is handed over.
"""

from __future__ import annotations

import json

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sargs.audit.services import record_view, record_views
from sargs.core.access import access
from sargs.core.documents import to_docx, to_pdf
from sargs.core.forms import once_per_form, run_action, run_service
from sargs.core.pages import page_of
from sargs.organisations.models import Municipality
from sargs.organisations.principal import principal_for, signed_in_user

from . import selectors, services
from .access import IS_DATA_PROTECTION_OFFICER, protected_municipalities
from .documents import export_document, export_json
from .forms import CorrectionForm, PersonLookupForm, RequestForm
from .models import CORRECTABLE_LABELS, RequestStatus, SubjectRequest

CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "json": "application/json",
}


def _service_field(name: str) -> str | None:
    """Errors of the registry's fields show on the correction's value."""
    return "field" if name == "field" else "new_value"


@access(IS_DATA_PROTECTION_OFFICER)
def request_list(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", "")
    if status not in ("", *RequestStatus.values):
        status = ""
    requests = selectors.request_list(principal=principal_for(request), status=status)
    page = page_of(request, requests)
    rows = [(r, selectors.answer_due(r)) for r in page.object_list]
    return render(
        request,
        "subjects/request_list.html",
        {"page_obj": page, "rows": rows, "status": status, "statuses": RequestStatus.choices},
    )


@access(IS_DATA_PROTECTION_OFFICER)
@once_per_form
def request_create(request: HttpRequest) -> HttpResponse:
    municipalities = Municipality.objects.filter(
        pk__in=protected_municipalities(principal_for(request))
    ).order_by("name")
    form = RequestForm(request.POST or None, municipalities=municipalities)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        created = run_service(
            form,
            lambda: services.request_create(
                actor=signed_in_user(request),
                municipality=data["municipality"],
                requester_name=data["requester_name"],
                requester_relation=data["requester_relation"],
                legal_basis=data["legal_basis"],
                received_on=data["received_on"],
                note=data["note"],
            ),
        )
        if created is not None:
            messages.success(
                request, _("The request was recorded. Now find the people it is about.")
            )
            return redirect("subjects:request-detail", pk=created.pk)
    return render(
        request,
        "subjects/form.html",
        {"form": form, "title": _("New data subject request"), "submit": _("Record")},
    )


def _detail(
    request: HttpRequest,
    subject_request: SubjectRequest,
    *,
    lookup_form: PersonLookupForm | None = None,
    found: list[selectors.Person] | None = None,
) -> HttpResponse:
    people = selectors.request_people(subject_request)
    record_views(
        request=request,
        objs=[p.person for p in people],
        purpose="data subject request",
        subject_request=subject_request.pk,
    )
    return render(
        request,
        "subjects/request_detail.html",
        {
            "subject_request": subject_request,
            "due": selectors.answer_due(subject_request),
            "people": people,
            "corrections": selectors.request_corrections(subject_request),
            "lookup_form": lookup_form or PersonLookupForm(),
            "found": [
                ("child" if person._meta.model_name == "child" else "representative", person)
                for person in found
            ]
            if found is not None
            else None,
            "code": lookup_form.cleaned_data.get("personal_code", "")
            if lookup_form is not None and lookup_form.is_valid()
            else "",
            "is_open": subject_request.status == RequestStatus.OPEN,
        },
    )


@access(IS_DATA_PROTECTION_OFFICER)
def request_detail(request: HttpRequest, pk: int) -> HttpResponse:
    subject_request = selectors.request_get(principal=principal_for(request), pk=pk)
    return _detail(request, subject_request)


@access(IS_DATA_PROTECTION_OFFICER)
@require_POST
def person_lookup(request: HttpRequest, pk: int) -> HttpResponse:
    """Find the child and the parent with this exact personal code (recorded lookups)."""
    subject_request = selectors.request_get(principal=principal_for(request), pk=pk)
    form = PersonLookupForm(request.POST)
    found = None
    if form.is_valid():
        found = run_service(
            form,
            lambda: services.person_lookup(
                actor=signed_in_user(request),
                request=subject_request,
                personal_code=form.cleaned_data["personal_code"],
            ),
        )
    return _detail(request, subject_request, lookup_form=form, found=found)


@access(IS_DATA_PROTECTION_OFFICER)
@require_POST
def person_add(request: HttpRequest, pk: int) -> HttpResponse:
    """Add the person found by code (looked up again: a number in the form opens nothing)."""
    subject_request = selectors.request_get(principal=principal_for(request), pk=pk)
    actor = signed_in_user(request)
    kind = request.POST.get("kind", "")

    def add() -> None:
        found = services.person_lookup(
            actor=actor,
            request=subject_request,
            personal_code=request.POST.get("personal_code", ""),
        )
        wanted = "child" if kind == "child" else "legalrepresentative"
        match = [p for p in found if p._meta.model_name == wanted]
        if not match:
            raise Http404
        services.request_person_add(actor=actor, request=subject_request, person=match[0])

    run_action(request, add, done=_("The person was added to the request."))
    return redirect("subjects:request-detail", pk=subject_request.pk)


@access(IS_DATA_PROTECTION_OFFICER)
@require_POST
def request_answer(request: HttpRequest, pk: int) -> HttpResponse:
    subject_request = selectors.request_get(principal=principal_for(request), pk=pk)
    run_action(
        request,
        lambda: services.request_answer(actor=signed_in_user(request), request=subject_request),
        done=_("The request is marked answered."),
    )
    return redirect("subjects:request-detail", pk=subject_request.pk)


@access(IS_DATA_PROTECTION_OFFICER)
def person_export(request: HttpRequest, pk: int, person_pk: int, fmt: str) -> HttpResponse:
    """Everything Sargs holds about the person, as Word, PDF or JSON; recorded as a read of
    the person's record before it is handed over."""
    if fmt not in CONTENT_TYPES:
        raise Http404
    subject_request = selectors.request_get(principal=principal_for(request), pk=pk)
    link = selectors.request_person_get(request=subject_request, pk=person_pk)
    export = selectors.subject_export(person=link.person, request=subject_request)
    record_view(
        request=request,
        obj=link.person,
        purpose="data subject export",
        subject_request=subject_request.pk,
        format=fmt,
        records=export.record_count,
        withheld=export.withheld_count,
    )
    if fmt == "json":
        body = json.dumps(export_json(export), ensure_ascii=False, indent=2, default=str).encode()
    elif fmt == "docx":
        body = to_docx(export_document(export))
    else:
        body = to_pdf(export_document(export))
    response = HttpResponse(body, content_type=CONTENT_TYPES[fmt])
    name = f"request-{subject_request.pk}-person-{link.pk}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response


@access(IS_DATA_PROTECTION_OFFICER)
@once_per_form
def correction_create(request: HttpRequest, pk: int, person_pk: int) -> HttpResponse:
    subject_request = selectors.request_get(principal=principal_for(request), pk=pk)
    link = selectors.request_person_get(request=subject_request, pk=person_pk)
    person = link.person
    choices = [
        (name, str(CORRECTABLE_LABELS[name])) for name in services.correctable_fields(person)
    ]
    form = CorrectionForm(request.POST or None, fields=choices)
    if request.method == "POST" and form.is_valid():
        made = run_service(
            form,
            lambda: services.correction_make(
                actor=signed_in_user(request),
                request=subject_request,
                person_link=link,
                field=form.cleaned_data["field"],
                new_value=form.cleaned_data["new_value"],
            ),
            field_for=_service_field,
        )
        if made is not None:
            messages.success(request, _("The correction was made and recorded."))
            return redirect("subjects:request-detail", pk=subject_request.pk)
    record_view(request=request, obj=person, purpose="data subject correction", subject_request=pk)
    return render(
        request,
        "subjects/correction_form.html",
        {
            "form": form,
            "subject_request": subject_request,
            "person": person,
            "current": [(str(CORRECTABLE_LABELS[n]), _current(person, n)) for n, _label in choices],
        },
    )


def _current(person: selectors.Person, name: str) -> str:
    value = getattr(person, name)
    if value is None:
        return "–"
    if name == "birth_date":
        return value.strftime("%d.%m.%Y")
    if name == "sex":
        return person.get_sex_display()  # type: ignore[union-attr]
    if name == "personal_code":
        return person.personal_code_display
    return str(value)
