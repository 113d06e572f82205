"""Out-of-family care: pages and API. The orphan's court taking part in the case places a
child and ends the placement; the case team reads placements; everyone else gets 404/403."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from rest_framework import generics, serializers
from rest_framework.request import Request
from rest_framework.response import Response

from sargs.audit.services import record_views
from sargs.core.access import access
from sargs.core.apis import call_service
from sargs.core.forms import run_service
from sargs.core.policy import Policy
from sargs.organisations.principal import HasRole, Principal, principal_for, signed_in_user
from sargs.organisations.roles import Role
from sargs.registry.models import Child

from . import placement_services, selectors
from .access import SEES_CASES, case_policy, court_institutions
from .forms import _text
from .models import Case
from .proceeding_models import (
    CareForm,
    Placement,
    PlacementEnd,
)

IS_COURT_MEMBER = HasRole(Role.ORPHANS_COURT_MEMBER)


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
            lambda: placement_services.placement_start(
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
            placement_services.placement_end(
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
            "deciding_municipality",
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
            lambda: placement_services.placement_start(
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
