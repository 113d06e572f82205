"""Orphan's court proceedings: pages and API. The court running a matter sees and changes it;
the case's social service reads it; everyone else does not find it (404)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
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
from sargs.registry.models import ChildRepresentative, RepresentativeRole, SuspensionGround

from . import proceeding_services as ps
from . import selectors
from .access import SEES_CASES, court_institutions, manager_municipalities
from .forms import DATE_HELP, _text
from .proceeding_models import (
    CourtJudgment,
    CustodyOutcome,
    JudgmentKind,
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
        self.fields["relation"].queryset = _parents(proceeding)  # type: ignore[attr-defined]


class JudgmentForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Judgment"), choices=JudgmentKind.choices)
    relation = ParentChoiceField(
        label=gettext_lazy("Parent"), queryset=ChildRepresentative.objects.none()
    )
    court_name = forms.CharField(label=gettext_lazy("Court"), max_length=200)
    judgment_number = forms.CharField(label=gettext_lazy("Judgment No."), max_length=50)
    judged_on = forms.DateField(label=gettext_lazy("Judgment date"), help_text=DATE_HELP)
    note = forms.CharField(label=gettext_lazy("Note"), required=False, widget=_text())

    def __init__(self, *args: Any, proceeding: Proceeding, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        allowed = ps.JUDGMENTS_FOR.get(proceeding.kind, ())
        self.fields["kind"].choices = [  # type: ignore[attr-defined]
            (value, label) for value, label in JudgmentKind.choices if value in allowed
        ]
        self.fields["relation"].queryset = _parents(proceeding)  # type: ignore[attr-defined]


def _parents(proceeding: Proceeding) -> QuerySet[ChildRepresentative]:
    return (
        ChildRepresentative.objects.filter(
            child__in=proceeding.case.children.all(),
            role__in=[RepresentativeRole.MOTHER, RepresentativeRole.FATHER],
        )
        .select_related("representative", "child")
        .order_by("child_id", "role", "pk")
    )


def _proceedings() -> QuerySet[Proceeding]:
    return Proceeding.objects.select_related(
        "case", "court", "custody_relation__representative", "custody_relation__child"
    ).prefetch_related("case__children", "judgments__relation__representative")


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
    can_judge = can_change and proceeding.kind in ps.JUDGMENTS_FOR and proceeding.case.is_open
    if (can_change and proceeding.is_open) or can_judge:
        # The forms list the children's parents by name: that is a read too.
        parents = [r.representative for r in _parents(proceeding)]
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
            "can_judge": can_judge,
            "judgment_form": forms_.get("judgment_form") or JudgmentForm(proceeding=proceeding),
            "judgments": list(proceeding.judgments.all()),
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


@access(IS_COURT_MEMBER)
@require_POST
def proceeding_judgment(request: HttpRequest, pk: int) -> HttpResponse:
    """Record a court's judgment (deprivation, restoration, dismissal) on the matter."""
    proceeding = _get(request, pk)
    proceeding_policy.require_change(principal_for(request), proceeding)
    form = JudgmentForm(request.POST, proceeding=proceeding)
    if (
        form.is_valid()
        and run_service(
            form,
            lambda: ps.proceeding_record_judgment(
                proceeding=proceeding, actor=signed_in_user(request), **form.cleaned_data
            ),
        )
        is not None
    ):
        messages.success(request, _("The judgment was recorded."))
        return redirect("cases:proceeding-detail", pk=pk)
    return _page(request, proceeding, judgment_form=form)


# --- API ---------------------------------------------------------------------------------


class JudgmentSerializer(serializers.ModelSerializer):
    class Meta:
        model = CourtJudgment
        fields = ["id", "kind", "relation", "court_name", "judgment_number", "judged_on", "note"]
        read_only_fields = fields


class ProceedingSerializer(serializers.ModelSerializer):
    judgments = JudgmentSerializer(many=True, read_only=True)

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
            "custody_outcome",
            "custody_relation",
            "custody_grounds",
            "decision_number",
            "judgments",
        ]
        read_only_fields = fields


class ProceedingListApi(generics.ListAPIView):  # type: ignore[type-arg]
    """Matters of your orphan's court, and those in your social service's cases."""

    access_rule = SEES_CASES
    serializer_class = ProceedingSerializer

    def get_queryset(self) -> QuerySet[Proceeding]:
        return (
            proceeding_policy.visible(principal_for(self.request), Proceeding.objects.all())
            .prefetch_related("judgments")
            .order_by("decision_due", "pk")
        )

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


class RemedySerializer(serializers.Serializer):
    remedy_until = serializers.DateField()


class ExtendSerializer(serializers.Serializer):
    decision_due = serializers.DateField()


class DecideSerializer(serializers.Serializer):
    decision = serializers.CharField(allow_blank=True)
    decided_on = serializers.DateField(required=False)
    custody_outcome = serializers.ChoiceField(CustodyOutcome.choices, required=False, default="")
    custody_relation = serializers.IntegerField(
        required=False, allow_null=True, help_text="the parent's link to a child of the case"
    )
    custody_grounds = serializers.ChoiceField(
        SuspensionGround.choices, required=False, allow_blank=True, default=""
    )
    decision_number = serializers.CharField(
        max_length=50, required=False, allow_blank=True, default=""
    )


class JudgmentCreateSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(JudgmentKind.choices)
    relation = serializers.IntegerField(help_text="the parent's link to a child of the case")
    court_name = serializers.CharField(max_length=200)
    judgment_number = serializers.CharField(max_length=50)
    judged_on = serializers.DateField()
    note = serializers.CharField(required=False, allow_blank=True, default="")


def _relation(proceeding: Proceeding, pk: int | None, field: str) -> ChildRepresentative | None:
    """A parent link of one of the case's children, or a 400 naming ``field``."""
    if pk is None:
        return None
    relation = (
        ChildRepresentative.objects.filter(pk=pk, child__in=proceeding.case.children.all())
        .select_related("representative", "child")
        .first()
    )
    if relation is None:
        raise serializers.ValidationError({field: "not a parent of a child of the case"})
    return relation


def _decide_values(proceeding: Proceeding, values: dict[str, Any]) -> dict[str, Any]:
    values["relation"] = _relation(proceeding, values.pop("custody_relation", None), "relation")
    values["grounds"] = values.pop("custody_grounds", "")
    return values


def _judgment_values(proceeding: Proceeding, values: dict[str, Any]) -> dict[str, Any]:
    values["relation"] = _relation(proceeding, values["relation"], "relation")
    return values


def _as_is(_proceeding: Proceeding, values: dict[str, Any]) -> dict[str, Any]:
    return values


# action → (input, service, values from input, output serializer)
ACTIONS: dict[
    str,
    tuple[
        type[serializers.Serializer],
        Callable[..., Any],
        Callable[..., Any],
        type[serializers.Serializer],
    ],
] = {
    "remedy": (RemedySerializer, ps.proceeding_set_remedy_term, _as_is, ProceedingSerializer),
    "extend": (ExtendSerializer, ps.proceeding_extend, _as_is, ProceedingSerializer),
    "decide": (DecideSerializer, ps.proceeding_decide, _decide_values, ProceedingSerializer),
    "judgment": (
        JudgmentCreateSerializer,
        ps.proceeding_record_judgment,
        _judgment_values,
        JudgmentSerializer,
    ),
}


class ProceedingActionApi(generics.GenericAPIView):  # type: ignore[type-arg]
    """POST remedy (remedy_until), extend (decision_due), decide (decision and the custody
    fields: custody_outcome, custody_relation, custody_grounds, decision_number) or judgment
    (kind, relation, court_name, judgment_number, judged_on): the court running the matter."""

    access_rule = IS_COURT_MEMBER
    serializer_class = DecideSerializer

    def post(self, request: Request, pk: int, action: str) -> Response:
        if action not in ACTIONS:
            raise NotFound
        input_class, service, prepare, output_class = ACTIONS[action]
        proceeding = _get(request._request, pk)
        proceeding_policy.require_change(principal_for(request), proceeding)
        data = input_class(data=request.data)
        data.is_valid(raise_exception=True)
        values = prepare(proceeding, dict(data.validated_data))
        result = call_service(
            lambda: service(proceeding=proceeding, actor=signed_in_user(request._request), **values)
        )
        status = 201 if action == "judgment" else 200
        return Response(output_class(result).data, status=status)


# The API wiring (sargs/api/urls.py) names the placement APIs through this module.
from .placement_views import PlacementCreateApi, PlacementListApi  # noqa: E402

__all__ = ["PlacementCreateApi", "PlacementListApi"]
