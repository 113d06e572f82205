"""Registry pages: search, a child's page, registering and editing children and families.

Personal codes never travel in URLs: search is a POST form, pages are addressed by pk only.
Every page that shows a child's data records the read in the audit trail.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_POST

from sargs.audit.services import record_view, record_views
from sargs.core import language, pages
from sargs.core.access import access
from sargs.core.forms import add_service_errors, once_per_form, run_service
from sargs.core.pages import page_of
from sargs.organisations.principal import principal_for, signed_in_user

from . import selectors, services
from .access import KEEPS_REGISTRY, child_policy, household_policy
from .forms import (
    AsOfForm,
    ChildCreateForm,
    ChildForm,
    ChildSearchForm,
    CustodyForm,
    HouseholdForm,
    RepresentativeForm,
    RepresentativeLinkForm,
    ResidenceForm,
)
from .models import Child, ChildRepresentative


def _lang() -> str:
    return language.current()


@access(KEEPS_REGISTRY)
def child_search(request: HttpRequest) -> HttpResponse:
    """GET: the search form. POST (htmx or not): the matching children, one page at a time."""
    form = ChildSearchForm(request.POST if request.method == "POST" else None)
    page, more = None, False
    if request.method == "POST" and form.is_valid():
        qs = selectors.child_search(principal=principal_for(request), **form.cleaned_data)
        page = page_of(request, qs, number=request.POST.get("page") or 1, capped=True)
        more = page.paginator.more  # type: ignore[attr-defined]
        record_views(request=request, objs=page.object_list, purpose="search")
    context = {"form": form, "page_obj": page, "more": more, "cap": pages.SEARCH_COUNT_CAP}
    if request.htmx:  # type: ignore[attr-defined]
        return render(request, "registry/partials/_child_results.html", context)
    return render(request, "registry/child_search.html", context)


@access(KEEPS_REGISTRY)
def child_detail(
    request: HttpRequest, pk: int, link_form: RepresentativeLinkForm | None = None
) -> HttpResponse:
    principal = principal_for(request)
    child = selectors.child_get(principal=principal, pk=pk)
    today = timezone.localdate()
    as_of_form = AsOfForm(request.GET or None)
    as_of = as_of_form.day(today)
    record_view(request=request, obj=child)
    relations = [
        {
            "relation": relation,
            "residences": selectors.residences_on(relation.representative.residences.all(), as_of),
            "custody": selectors.custody_on(relation, as_of),
        }
        for relation in child.representations.all()
    ]
    return render(
        request,
        "registry/child_detail.html",
        {
            "child": child,
            "as_of": as_of,
            "as_of_form": as_of_form,
            "is_today": as_of == today,
            "residences": selectors.residences_on(child.residences.all(), as_of),
            "relations": relations,
            "jurisdiction": selectors.child_jurisdiction(child, as_of, _lang()),  # type: ignore[arg-type]
            "can_change": child_policy.can_change(principal, child),
            "link_form": link_form
            or RepresentativeLinkForm(adults=selectors.household_adults_for(child)),
        },
    )


@access(KEEPS_REGISTRY)
@require_POST
@once_per_form
def representative_link(request: HttpRequest, pk: int) -> HttpResponse:
    """Link a parent already recorded in the household (issue 15, point 4)."""
    child = _changeable_child(request, pk)
    form = RepresentativeLinkForm(request.POST, adults=selectors.household_adults_for(child))
    if (
        form.is_valid()
        and run_service(
            form,
            lambda: services.representative_link(
                actor=signed_in_user(request), child=child, **form.cleaned_data
            ),
        )
        is not None
    ):
        messages.success(request, _("The legal representative was added."))
        return redirect("registry:child-detail", pk=child.pk)
    return child_detail(request, pk, link_form=form)


def _child_form_kwargs(request: HttpRequest) -> dict[str, Any]:
    principal = principal_for(request)
    return {
        "households": selectors.household_list(principal=principal),
        "schools": selectors.school_choices(principal=principal),
    }


@access(KEEPS_REGISTRY)
@once_per_form
def child_create(request: HttpRequest) -> HttpResponse:
    principal = principal_for(request)
    municipalities = selectors.registry_municipality_choices(principal=principal)
    form = ChildCreateForm(
        request.POST or None, municipalities=municipalities, **_child_form_kwargs(request)
    )
    duplicates: list[Child] = []
    hidden_duplicates = 0
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            child = services.child_create(
                actor=signed_in_user(request),
                confirm_likely_duplicate=request.POST.get("confirm_likely_duplicate") == "1",
                **data,
            )
        except services.LikelyDuplicateError as exc:
            visible = set(
                child_policy.visible(principal, Child.objects.all())
                .filter(pk__in=[c.pk for c in exc.candidates])
                .values_list("pk", flat=True)
            )
            duplicates = [c for c in exc.candidates if c.pk in visible]
            hidden_duplicates = len(exc.candidates) - len(duplicates)
            record_views(request=request, objs=duplicates, purpose="likely duplicate")
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The child was registered."))
            return redirect("registry:child-detail", pk=child.pk)
    return render(
        request,
        "registry/child_form.html",
        {
            "form": form,
            "duplicates": duplicates,
            "hidden_duplicates": hidden_duplicates,
            "likely_duplicate": bool(duplicates or hidden_duplicates),
            "title": _("Register a child"),
        },
    )


@access(KEEPS_REGISTRY)
def child_edit(request: HttpRequest, pk: int) -> HttpResponse:
    principal = principal_for(request)
    child = child_policy.get_visible_or_404(principal, Child.objects.all(), pk=pk)
    child_policy.require_change(principal, child)
    initial = {
        name: getattr(child, name)
        for name in services.CHILD_EDITABLE
        if name not in ("household", "school")
    }
    initial.update(
        household=child.household_id, school=child.school_id, personal_code=child.personal_code
    )
    form = ChildForm(request.POST or None, initial=initial, **_child_form_kwargs(request))
    if request.method == "POST" and form.is_valid():
        run_service(
            form,
            lambda: services.child_update(
                actor=signed_in_user(request),
                child=child,
                **{name: form.cleaned_data[name] for name in services.CHILD_EDITABLE},
            ),
        )
        if not form.errors:
            messages.success(request, _("The changes were saved."))
            return redirect("registry:child-detail", pk=child.pk)
    else:
        record_view(request=request, obj=child, purpose="edit")
    return render(
        request,
        "registry/child_form.html",
        {"form": form, "child": child, "title": _("Edit the child's data")},
    )


def _changeable_child(request: HttpRequest, pk: int) -> Child:
    principal = principal_for(request)
    child = child_policy.get_visible_or_404(
        principal, Child.objects.select_related("municipality", "household"), pk=pk
    )
    child_policy.require_change(principal, child)
    return child


@access(KEEPS_REGISTRY)
@once_per_form
def representative_add(request: HttpRequest, pk: int) -> HttpResponse:
    child = _changeable_child(request, pk)
    form = RepresentativeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():
                relation = services.representative_add(
                    actor=signed_in_user(request),
                    child=child,
                    **{
                        k: data[k]
                        for k in (
                            "role",
                            "first_name",
                            "last_name",
                            "personal_code",
                            "birth_date",
                            "lives_with_child",
                        )
                    },
                )
                for kind in ("declared", "actual"):
                    if data.get(f"{kind}_municipality"):
                        services.residence_add(
                            actor=signed_in_user(request),
                            representative=relation.representative,
                            kind=kind,
                            municipality=data[f"{kind}_municipality"],
                            address=data[f"{kind}_address"],
                            valid_from=data[f"{kind}_from"],
                        )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The legal representative was added."))
            return redirect("registry:child-detail", pk=child.pk)
    return render(
        request,
        "registry/simple_form.html",
        {
            "form": form,
            "child": child,
            "title": _("Add a legal representative"),
            "submit": _("Add"),
        },
    )


@access(KEEPS_REGISTRY)
@once_per_form
def residence_add(request: HttpRequest, pk: int, relation_pk: int | None = None) -> HttpResponse:
    child = _changeable_child(request, pk)
    relation = (
        get_object_or_404(
            ChildRepresentative.objects.select_related("representative"),
            pk=relation_pk,
            child=child,
        )
        if relation_pk is not None
        else None
    )
    form = ResidenceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        run_service(
            form,
            lambda: services.residence_add(
                actor=signed_in_user(request),
                child=None if relation else child,
                representative=relation.representative if relation else None,
                **form.cleaned_data,
            ),
        )
        if not form.errors:
            messages.success(request, _("The residence was added."))
            return redirect("registry:child-detail", pk=child.pk)
    return render(
        request,
        "registry/simple_form.html",
        {
            "form": form,
            "child": child,
            "subject": relation.representative if relation else child,
            "title": _("Add a residence"),
            "submit": _("Add"),
        },
    )


@access(KEEPS_REGISTRY)
@once_per_form
def custody_add(request: HttpRequest, pk: int, relation_pk: int) -> HttpResponse:
    child = _changeable_child(request, pk)
    relation = get_object_or_404(
        ChildRepresentative.objects.select_related("representative", "child"),
        pk=relation_pk,
        child=child,
    )
    form = CustodyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        run_service(
            form,
            lambda: services.custody_history_add(
                actor=signed_in_user(request),
                relation=relation,
                **form.cleaned_data,
            ),
        )
        if not form.errors:
            messages.success(request, _("The custody history was recorded."))
            return redirect("registry:child-detail", pk=child.pk)
    return render(
        request,
        "registry/simple_form.html",
        {
            "form": form,
            "child": child,
            "subject": relation.representative,
            "title": _("Record custody history from before Sargs"),
            "intro": _(
                "Decisions of the orphan's court and court judgments made since the child was "
                "registered in Sargs are recorded on the orphan's court's matter in the "
                "family's case, not here."
            ),
            "submit": pgettext("verb", "Record"),
        },
    )


@access(KEEPS_REGISTRY)
@once_per_form
def household_create(request: HttpRequest) -> HttpResponse:
    principal = principal_for(request)
    form = HouseholdForm(
        request.POST or None,
        municipalities=selectors.registry_municipality_choices(principal=principal),
    )
    if request.method == "POST" and form.is_valid():
        household = run_service(
            form,
            lambda: services.household_create(actor=signed_in_user(request), **form.cleaned_data),
        )
        if household is not None:
            messages.success(request, _("The household was created."))
            return redirect("registry:household-detail", pk=household.pk)
    return render(
        request,
        "registry/simple_form.html",
        {"form": form, "title": _("New household"), "submit": _("Create")},
    )


@access(KEEPS_REGISTRY)
def household_detail(request: HttpRequest, pk: int) -> HttpResponse:
    principal = principal_for(request)
    household = selectors.household_get(principal=principal, pk=pk)
    record_view(request=request, obj=household)
    record_views(request=request, objs=household.children.all(), purpose="household")
    return render(
        request,
        "registry/household_detail.html",
        {"household": household, "can_change": household_policy.can_change(principal, household)},
    )
