"""Preventive talks of the orphan's court with a child's parents: pages and API. The case team
(the social service and the orphan's court taking part) reads them; the court records them;
other participants of the case are refused (403), everyone else does not find the case (404)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import generics, serializers
from rest_framework.request import Request
from rest_framework.response import Response

from sargs.audit.services import record_view, record_views
from sargs.core.access import access
from sargs.core.apis import call_service
from sargs.core.forms import run_service
from sargs.organisations.models import Institution
from sargs.organisations.principal import Principal, principal_for, signed_in_user

from . import proceeding_services as ps
from . import selectors
from .access import SEES_CASES, case_policy, court_institutions
from .forms import DATE_HELP, _text
from .models import Case
from .proceeding_models import PreventiveTalk
from .proceeding_views import IS_COURT_MEMBER


class TalkForm(forms.Form):
    court = forms.ModelChoiceField(
        label=gettext_lazy("Orphan's court"), queryset=Institution.objects.none()
    )
    held_on = forms.DateField(label=gettext_lazy("Held on"), help_text=DATE_HELP)
    participants = forms.CharField(
        label=gettext_lazy("Who took part"), required=False, widget=_text()
    )
    discussed = forms.CharField(
        label=gettext_lazy("What was discussed"), required=False, widget=_text()
    )
    next_steps = forms.CharField(
        label=gettext_lazy("Agreed next steps"), required=False, widget=_text()
    )

    def __init__(self, *args: Any, courts: QuerySet[Institution], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["court"].queryset = courts  # type: ignore[attr-defined]


def _team_case(principal: Principal, pk: int) -> Case:
    """The case, for its team only: not visible → 404, a mere participant → 403."""
    case = selectors.case_get(principal=principal, pk=pk)
    if not case_policy.sees_whole(principal, case):
        raise PermissionDenied
    return case


def _courts(principal: Principal, case: Case) -> QuerySet[Institution]:
    """The principal's orphan's courts that may record a talk in the case."""
    return Institution.objects.filter(
        pk__in=court_institutions(principal), municipality_id=case.municipality_id
    )


def talks_of(case: Case) -> QuerySet[PreventiveTalk]:
    return case.talks.select_related("court", "recorded_by").order_by("-held_on", "-pk")


@access(SEES_CASES)
def talk_list(request: HttpRequest, pk: int) -> HttpResponse:
    principal = principal_for(request)
    case = _team_case(principal, pk)
    talks = list(talks_of(case))
    record_view(request=request, obj=case, purpose="preventive talks")
    record_views(request=request, objs=talks, purpose="preventive talks", case=case.pk)
    return render(
        request,
        "cases/talk_list.html",
        {
            "case": case,
            "talks": talks,
            "can_record": case.is_open and _courts(principal, case).exists(),
        },
    )


@access(IS_COURT_MEMBER)
def talk_create(request: HttpRequest, pk: int) -> HttpResponse:
    principal = principal_for(request)
    case = _team_case(principal, pk)
    courts = _courts(principal, case)
    if not courts.exists():
        raise PermissionDenied
    form = TalkForm(request.POST or None, courts=courts)
    if request.method == "POST" and form.is_valid():
        done = run_service(
            form,
            lambda: ps.preventive_talk_record(
                case=case, actor=signed_in_user(request), **form.cleaned_data
            ),
        )
        if done is not None:
            messages.success(request, _("The preventive talk was recorded."))
            return redirect("cases:talk-list", pk=case.pk)
    return render(request, "cases/talk_form.html", {"case": case, "form": form})


# --- API ---------------------------------------------------------------------------------


class TalkSerializer(serializers.ModelSerializer):
    class Meta:
        model = PreventiveTalk
        fields = ["id", "case", "court", "held_on", "participants", "discussed", "next_steps"]
        read_only_fields = fields


class TalkCreateSerializer(serializers.Serializer):
    court = serializers.IntegerField(help_text="your orphan's court")
    held_on = serializers.DateField()
    participants = serializers.CharField(allow_blank=True)
    discussed = serializers.CharField(allow_blank=True)
    next_steps = serializers.CharField(allow_blank=True)


class TalkListCreateApi(generics.GenericAPIView):  # type: ignore[type-arg]
    """GET the case's preventive talks (the case team); POST one (the orphan's court)."""

    access_rule = SEES_CASES
    serializer_class = TalkCreateSerializer

    def get(self, request: Request, pk: int) -> Response:
        case = _team_case(principal_for(request), pk)
        talks = list(talks_of(case))
        record_views(request=request._request, objs=talks, purpose="preventive talk api")
        return Response(TalkSerializer(talks, many=True).data)

    def post(self, request: Request, pk: int) -> Response:
        principal = principal_for(request)
        case = _team_case(principal, pk)
        data = TalkCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        court = _courts(principal, case).filter(pk=values.pop("court")).first()
        if court is None:
            raise PermissionDenied
        talk = call_service(
            lambda: ps.preventive_talk_record(
                case=case, actor=signed_in_user(request._request), court=court, **values
            )
        )
        return Response(TalkSerializer(talk).data, status=201)
