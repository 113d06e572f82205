"""Orphan's court proceedings: pages and API. The court running a matter sees and changes it;
the case's social service reads it; everyone else does not find it (404)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from rest_framework import generics, serializers
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response

from sargs.audit.services import record_view, record_views
from sargs.core.access import access
from sargs.core.apis import call_service
from sargs.core.forms import run_service
from sargs.core.policy import Policy
from sargs.organisations.models import Institution
from sargs.organisations.principal import HasRole, Principal, principal_for, signed_in_user
from sargs.organisations.roles import Role
from sargs.registry.models import Child, ChildRepresentative, RepresentativeRole, SuspensionGround

from . import proceeding_services as ps
from . import selectors
from .access import SEES_CASES, case_policy, court_institutions, manager_municipalities
from .forms import DATE_HELP, _text
from .models import Case
from .proceeding_models import (
    CareForm,
    CustodyOutcome,
    Placement,
    PlacementEnd,
    Proceeding,
    ProceedingKind,
)

IS_COURT_MEMBER = HasRole(Role.ORPHANS_COURT_MEMBER)


class ProceedingPolicy(Policy[Proceeding]):
    def visible(self, principal: Principal, queryset: QuerySet[Proceeding]) -> QuerySet[Proceeding]:
        return queryset.filter(
            Q(court__in=court_institutions(principal))
            | Q(case__municipality__in=manager_municipalities(principal))
        )

    def can_change(self, principal: Principal, obj: Proceeding) -> bool:
        return obj.court_id in court_institutions(principal)


proceeding_policy = ProceedingPolicy()


class OpenForm(forms.Form):
    court = forms.ModelChoiceField(
        label=gettext_lazy("Orphan's court"), queryset=Institution.objects.none()
    )
    kind = forms.ChoiceField(label=gettext_lazy("Matter"), choices=ProceedingKind.choices)
    grounds = forms.CharField(label=gettext_lazy("Grounds"), widget=_text())

    def __init__(self, *args: Any, courts: QuerySet[Institution], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["court"].queryset = courts  # type: ignore[attr-defined]


class RemedyForm(forms.Form):
    remedy_until = forms.DateField(label=gettext_lazy("Term to remedy until"), help_text=DATE_HELP)


class ExtendForm(forms.Form):
    decision_due = forms.DateField(
        label=gettext_lazy("New term for the decision"), help_text=DATE_HELP
    )


class ParentChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return _("%(parent)s (%(role)s of %(child)s)") % {
            "parent": obj.representative.full_name,
            "role": obj.get_role_display(),
            "child": obj.child.full_name,
        }


class DecideForm(forms.Form):
    decision = forms.CharField(label=gettext_lazy("Decision"), required=False, widget=_text())
    custody_outcome = forms.ChoiceField(
        label=gettext_lazy("Custody"), choices=CustodyOutcome.choices, required=False
    )
    relation = ParentChoiceField(
        label=gettext_lazy("Parent"),
        queryset=ChildRepresentative.objects.none(),
        required=False,
        help_text=gettext_lazy("Whose custody was suspended or restored."),
    )
    grounds = forms.ChoiceField(
        label=gettext_lazy("Grounds for suspending custody"),
        choices=[("", "---------"), *SuspensionGround.choices],
        required=False,
    )
    decision_number = forms.CharField(
        label=gettext_lazy("Decision No."), max_length=50, required=False
    )

    def __init__(self, *args: Any, proceeding: Proceeding, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["relation"].queryset = (  # type: ignore[attr-defined]
            ChildRepresentative.objects.filter(
                child__in=proceeding.case.children.all(),
                role__in=[RepresentativeRole.MOTHER, RepresentativeRole.FATHER],
            )
            .select_related("representative", "child")
            .order_by("child_id", "role", "pk")
        )


def _proceedings() -> QuerySet[Proceeding]:
    return Proceeding.objects.select_related("case", "court").prefetch_related("case__children")


def _get(request: HttpRequest, pk: int) -> Proceeding:
    return proceeding_policy.get_visible_or_404(principal_for(request), _proceedings(), pk=pk)


@access(SEES_CASES)
def proceeding_list(request: HttpRequest) -> HttpResponse:
    principal = principal_for(request)
    decided = request.GET.get("tab") == "decided"
    statuses = ("decided",) if decided else ("open", "warned")
    qs = proceeding_policy.visible(principal, _proceedings()).filter(status__in=statuses)
    page = Paginator(qs.order_by("decision_due", "pk"), 25).get_page(request.GET.get("page"))
    rows = list(page.object_list)
    record_views(request=request, objs=rows, purpose="proceeding list")
    record_views(
        request=request,
        objs=[c for p in rows for c in p.case.children.all()],
        purpose="proceeding list",
    )
    return render(
        request,
        "cases/proceeding_list.html",
        {"tab": "decided" if decided else "open", "page_obj": page},
    )


def _page(request: HttpRequest, proceeding: Proceeding, **forms_: Form) -> HttpResponse:
    record_view(request=request, obj=proceeding, purpose="proceeding")
    children = list(proceeding.case.children.all())
    record_views(request=request, objs=children, purpose="proceeding", proceeding=proceeding.pk)
    decide_form = forms_.get("decide_form") or DecideForm(proceeding=proceeding)
    can_change = proceeding_policy.can_change(principal_for(request), proceeding)
    if can_change and proceeding.is_open:
        # The decision form lists the children's parents by name: that is a read too.
        parents = [r.representative for r in decide_form.fields["relation"].queryset]  # type: ignore[attr-defined]
        record_views(
            request=request, objs=parents, purpose="decision form", proceeding=proceeding.pk
        )
    return render(
        request,
        "cases/proceeding_detail.html",
        {
            "proceeding": proceeding,
            "children": children,
            "can_change": can_change and proceeding.is_open,
            "remedy_form": forms_.get("remedy_form") or RemedyForm(),
            "extend_form": forms_.get("extend_form") or ExtendForm(),
            "decide_form": decide_form,
        },
    )


@access(SEES_CASES)
def proceeding_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _page(request, _get(request, pk))


@access(IS_COURT_MEMBER)
def proceeding_open(request: HttpRequest, pk: int) -> HttpResponse:
    principal = principal_for(request)
    case = selectors.case_get(principal=principal, pk=pk)
    courts = Institution.objects.filter(
        pk__in=court_institutions(principal), municipality_id=case.municipality_id
    )
    if not courts.exists():
        raise PermissionDenied
    form = OpenForm(request.POST or None, courts=courts)
    if request.method == "POST" and form.is_valid():
        done = run_service(
            form,
            lambda: ps.proceeding_open(
                case=case, actor=signed_in_user(request), **form.cleaned_data
            ),
        )
        if done is not None:
            messages.success(request, _("The matter was opened."))
            return redirect("cases:proceeding-detail", pk=done.pk)
    return render(request, "cases/proceeding_form.html", {"case": case, "form": form})


def _action(
    request: HttpRequest,
    pk: int,
    form: Form | Callable[[Proceeding], Form],
    name: str,
    call: Callable[..., Any],
    done: str,
) -> HttpResponse:
    proceeding = _get(request, pk)
    proceeding_policy.require_change(principal_for(request), proceeding)
    if not isinstance(form, Form):
        form = form(proceeding)
    if (
        form.is_valid()
        and run_service(
            form,
            lambda: call(proceeding=proceeding, actor=signed_in_user(request), **form.cleaned_data),
        )
        is not None
    ):
        messages.success(request, done)
        return redirect("cases:proceeding-detail", pk=pk)
    return _page(request, proceeding, **{name: form})


@access(IS_COURT_MEMBER)
@require_POST
def proceeding_remedy(request: HttpRequest, pk: int) -> HttpResponse:
    return _action(
        request,
        pk,
        RemedyForm(request.POST),
        "remedy_form",
        ps.proceeding_set_remedy_term,
        _("The term to remedy was set."),
    )


@access(IS_COURT_MEMBER)
@require_POST
def proceeding_extend(request: HttpRequest, pk: int) -> HttpResponse:
    return _action(
        request,
        pk,
        ExtendForm(request.POST),
        "extend_form",
        ps.proceeding_extend,
        _("The term for the decision was extended."),
    )


@access(IS_COURT_MEMBER)
@require_POST
def proceeding_decide(request: HttpRequest, pk: int) -> HttpResponse:
    return _action(
        request,
        pk,
        lambda proceeding: DecideForm(request.POST, proceeding=proceeding),
        "decide_form",
        ps.proceeding_decide,
        _("The decision was recorded."),
    )


# --- API ---------------------------------------------------------------------------------


class ProceedingSerializer(serializers.ModelSerializer):
    class Meta:
        model = Proceeding
        fields = [
            "id",
            "case",
            "court",
            "kind",
            "status",
            "opened_on",
            "decision_due",
            "grounds",
            "remedy_until",
            "decided_on",
            "decision",
        ]
        read_only_fields = fields


class ProceedingListApi(generics.ListAPIView):  # type: ignore[type-arg]
    """Matters of your orphan's court, and those in your social service's cases."""

    access_rule = SEES_CASES
    serializer_class = ProceedingSerializer

    def get_queryset(self) -> QuerySet[Proceeding]:
        return proceeding_policy.visible(
            principal_for(self.request), Proceeding.objects.all()
        ).order_by("decision_due", "pk")

    def paginate_queryset(self, queryset: Any) -> Any:
        page = super().paginate_queryset(queryset) or []
        record_views(request=self.request._request, objs=page, purpose="proceeding api")
        return page


class ProceedingDetailApi(generics.GenericAPIView):  # type: ignore[type-arg]
    access_rule = SEES_CASES
    serializer_class = ProceedingSerializer

    def get(self, request: Request, pk: int) -> Response:
        proceeding = _get(request._request, pk)
        record_view(request=request._request, obj=proceeding, purpose="proceeding api")
        return Response(ProceedingSerializer(proceeding).data)


class ProceedingActionSerializer(serializers.Serializer):
    remedy_until = serializers.DateField(required=False, help_text="remedy")
    decision_due = serializers.DateField(required=False, help_text="extend")
    decision = serializers.CharField(required=False, allow_blank=True, help_text="decide")


ACTIONS: dict[str, tuple[Callable[..., Any], str]] = {
    "remedy": (ps.proceeding_set_remedy_term, "remedy_until"),
    "extend": (ps.proceeding_extend, "decision_due"),
    "decide": (ps.proceeding_decide, "decision"),
}


class ProceedingActionApi(generics.GenericAPIView):  # type: ignore[type-arg]
    """POST remedy (remedy_until), extend (decision_due) or decide (decision): the court only."""

    access_rule = IS_COURT_MEMBER
    serializer_class = ProceedingActionSerializer

    def post(self, request: Request, pk: int, action: str) -> Response:
        if action not in ACTIONS:
            raise NotFound
        service, field = ACTIONS[action]
        proceeding = _get(request._request, pk)
        proceeding_policy.require_change(principal_for(request), proceeding)
        data = ProceedingActionSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        if field not in data.validated_data:
            raise serializers.ValidationError({field: "required"})
        value = data.validated_data[field]
        result = call_service(
            lambda: service(
                proceeding=proceeding, actor=signed_in_user(request._request), **{field: value}
            )
        )
        return Response(ProceedingSerializer(result).data)


# --- Out-of-family care ------------------------------------------------------------------


class PlacementPolicy(Policy[Placement]):
    def visible(self, principal: Principal, queryset: QuerySet[Placement]) -> QuerySet[Placement]:
        whole = case_policy.whole_cases(principal, Case.objects.all())
        return queryset.filter(case__in=whole.values("pk"))

    def can_change(self, principal: Principal, obj: Placement) -> bool:
        return obj.case.participants.filter(institution__in=court_institutions(principal)).exists()


placement_policy = PlacementPolicy()


class PlacementForm(forms.Form):
    child = forms.ModelChoiceField(label=gettext_lazy("Child"), queryset=Child.objects.none())
    form = forms.ChoiceField(label=gettext_lazy("Form of care"), choices=CareForm.choices)
    carer = forms.CharField(
        label=gettext_lazy("Foster family, guardian or institution"), max_length=200
    )
    emergency = forms.BooleanField(label=gettext_lazy("Emergency placement"), required=False)
    child_opinion = forms.CharField(
        label=gettext_lazy("The child's opinion"), required=False, widget=_text()
    )
    siblings_note = forms.CharField(
        label=gettext_lazy("Siblings (kept together, or why not)"), required=False, widget=_text()
    )

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["child"].queryset = case.children.all()  # type: ignore[attr-defined]


class PlacementEndForm(forms.Form):
    reason = forms.ChoiceField(label=gettext_lazy("How it ended"), choices=PlacementEnd.choices)


@access(IS_COURT_MEMBER)
def placement_start(request: HttpRequest, pk: int) -> HttpResponse:
    principal = principal_for(request)
    case = selectors.case_get(principal=principal, pk=pk)
    if not case_policy.sees_whole(principal, case):
        raise PermissionDenied
    record_views(request=request, objs=list(case.children.all()), purpose="placement form")
    form = PlacementForm(request.POST or None, case=case)
    if request.method == "POST" and form.is_valid():
        done = run_service(
            form,
            lambda: ps.placement_start(
                case=case, actor=signed_in_user(request), **form.cleaned_data
            ),
        )
        if done is not None:
            messages.success(request, _("The placement was recorded."))
            return redirect("cases:case-detail", pk=case.pk)
    return render(request, "cases/placement_form.html", {"case": case, "form": form})


@access(IS_COURT_MEMBER)
@require_POST
def placement_end(request: HttpRequest, pk: int) -> HttpResponse:
    principal = principal_for(request)
    placement = placement_policy.get_visible_or_404(
        principal, Placement.objects.select_related("case"), pk=pk
    )
    placement_policy.require_change(principal, placement)
    form = PlacementEndForm(request.POST)
    if form.is_valid():
        try:
            ps.placement_end(
                placement=placement,
                actor=signed_in_user(request),
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The placement ended."))
    return redirect("cases:case-detail", pk=placement.case_id)


class PlacementSerializer(serializers.ModelSerializer):
    class Meta:
        model = Placement
        fields = [
            "id",
            "case",
            "child",
            "proceeding",
            "form",
            "carer",
            "emergency",
            "child_opinion",
            "siblings_note",
            "placed_on",
            "review_due",
            "ended_on",
            "end_reason",
        ]
        read_only_fields = fields


class PlacementCreateSerializer(serializers.Serializer):
    child = serializers.IntegerField(help_text="a child of the case")
    form = serializers.ChoiceField(CareForm.choices)
    carer = serializers.CharField(max_length=200)
    emergency = serializers.BooleanField(required=False, default=False)
    child_opinion = serializers.CharField(allow_blank=True)
    siblings_note = serializers.CharField(required=False, allow_blank=True, default="")


class PlacementCreateApi(generics.GenericAPIView):  # type: ignore[type-arg]
    """The orphan's court taking part in the case places one of its children in care."""

    access_rule = IS_COURT_MEMBER
    serializer_class = PlacementCreateSerializer

    def post(self, request: Request, pk: int) -> Response:
        principal = principal_for(request)
        case = selectors.case_get(principal=principal, pk=pk)
        data = PlacementCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        child = case.children.filter(pk=values.pop("child")).first()
        if child is None:
            raise serializers.ValidationError({"child": "not a child of the case"})
        placement = call_service(
            lambda: ps.placement_start(
                case=case, actor=signed_in_user(request._request), child=child, **values
            )
        )
        return Response(PlacementSerializer(placement).data, status=201)


class PlacementListApi(generics.ListAPIView):  # type: ignore[type-arg]
    """Placements in the cases you see whole."""

    access_rule = SEES_CASES
    serializer_class = PlacementSerializer

    def get_queryset(self) -> QuerySet[Placement]:
        return placement_policy.visible(principal_for(self.request), Placement.objects.all())

    def paginate_queryset(self, queryset: Any) -> Any:
        page = super().paginate_queryset(queryset) or []
        record_views(request=self.request._request, objs=page, purpose="placement api")
        return page
