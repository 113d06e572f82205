"""The orphan's court's work over the API: proceedings and their actions, placements,
preventive talks and the support record. The same services, policies and audit as the pages;
invalid input answers 400 with the services' messages."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response

from sargs.cases.casework import selectors as case_selectors
from sargs.cases.casework.access import SEES_CASES
from sargs.core.apis import call_service
from sargs.organisations.models import Institution
from sargs.organisations.principal import principal_for, signed_in_user
from sargs.organisations.roles import InstitutionType
from sargs.registry.models import ChildRepresentative, LegalRepresentative, SuspensionGround

from . import selectors
from . import services as court_services
from .access import IS_COURT_MEMBER, proceeding_policy
from .models import (
    CareForm,
    CourtJudgment,
    CustodyOutcome,
    JudgmentKind,
    Placement,
    PreventiveTalk,
    Proceeding,
)
from .register import foster_families_to_place
from .services import ACCEPTED_URGENT_REASONS

# --- Proceedings ---------------------------------------------------------------------------------


def _get(request: Request, pk: int) -> Proceeding:
    return selectors.proceeding_get(principal=principal_for(request), pk=pk)


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
            "warned_on",
            "extension_reason",
            "urgent_reason",
            "urgent_note",
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
        case_selectors.record_reads_with_children(
            request=self.request._request,
            shown=page,
            case_ids=[p.case_id for p in page],
            purpose="proceeding api",
        )
        return page


class ProceedingDetailApi(generics.GenericAPIView):  # type: ignore[type-arg]
    access_rule = SEES_CASES
    serializer_class = ProceedingSerializer

    def get(self, request: Request, pk: int) -> Response:
        proceeding = _get(request, pk)
        case_selectors.record_reads_with_children(
            request=request._request,
            shown=[proceeding],
            case_ids=[proceeding.case_id],
            purpose="proceeding api",
        )
        return Response(ProceedingSerializer(proceeding).data)


class RemedySerializer(serializers.Serializer):
    remedy_until = serializers.DateField()


class ExtendSerializer(serializers.Serializer):
    decision_due = serializers.DateField()
    reason = serializers.CharField(allow_blank=True)


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
    urgent_reason = serializers.ChoiceField(
        [(r.value, r.label) for r in ACCEPTED_URGENT_REASONS],
        required=False,
        allow_blank=True,
        default="",
    )
    urgent_note = serializers.CharField(required=False, allow_blank=True, default="")


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


class _ProceedingActionApi(generics.GenericAPIView):  # type: ignore[type-arg]
    """One action of the court running the matter on it: each subclass names its own input
    (``serializer_class``, which the OpenAPI schema shows), service and answer."""

    access_rule = IS_COURT_MEMBER
    output_class: type[serializers.Serializer] = ProceedingSerializer
    created = False

    def service(self, **values: Any) -> Any:
        raise NotImplementedError

    def prepare(self, proceeding: Proceeding, values: dict[str, Any]) -> dict[str, Any]:
        """The service's arguments from the validated input."""
        return values

    def post(self, request: Request, pk: int) -> Response:
        proceeding = _get(request, pk)
        proceeding_policy.require_change(principal_for(request), proceeding)
        data = self.get_serializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = self.prepare(proceeding, dict(data.validated_data))
        actor = signed_in_user(request._request)
        result = call_service(lambda: self.service(proceeding=proceeding, actor=actor, **values))
        return Response(self.output_class(result).data, status=201 if self.created else 200)


class ProceedingRemedyApi(_ProceedingActionApi):
    """Warn the parent and set a term to remedy the conditions."""

    serializer_class = RemedySerializer

    @extend_schema(request=RemedySerializer, responses=ProceedingSerializer)
    def post(self, request: Request, pk: int) -> Response:
        return super().post(request, pk)

    def service(self, **values: Any) -> Any:
        return court_services.proceeding_set_remedy_term(**values)


class ProceedingExtendApi(_ProceedingActionApi):
    """Extend the term for the decision (up to four months after the opening)."""

    serializer_class = ExtendSerializer

    @extend_schema(request=ExtendSerializer, responses=ProceedingSerializer)
    def post(self, request: Request, pk: int) -> Response:
        return super().post(request, pk)

    def service(self, **values: Any) -> Any:
        return court_services.proceeding_extend(**values)


class ProceedingDecideApi(_ProceedingActionApi):
    """Record the decision, with its custody part (custody_outcome, custody_relation,
    custody_grounds, decision_number) written to the registry."""

    serializer_class = DecideSerializer

    @extend_schema(request=DecideSerializer, responses=ProceedingSerializer)
    def post(self, request: Request, pk: int) -> Response:
        return super().post(request, pk)

    def prepare(self, proceeding: Proceeding, values: dict[str, Any]) -> dict[str, Any]:
        values["relation"] = _relation(proceeding, values.pop("custody_relation", None), "relation")
        values["grounds"] = values.pop("custody_grounds", "")
        return values

    def service(self, **values: Any) -> Any:
        return court_services.proceeding_decide(**values)


class ProceedingJudgmentApi(_ProceedingActionApi):
    """Record a court's judgment on a parent's custody on the matter that led to it."""

    serializer_class = JudgmentCreateSerializer
    output_class = JudgmentSerializer
    created = True

    @extend_schema(request=JudgmentCreateSerializer, responses={201: JudgmentSerializer})
    def post(self, request: Request, pk: int) -> Response:
        return super().post(request, pk)

    def prepare(self, proceeding: Proceeding, values: dict[str, Any]) -> dict[str, Any]:
        values["relation"] = _relation(proceeding, values["relation"], "relation")
        return values

    def service(self, **values: Any) -> Any:
        return court_services.proceeding_record_judgment(**values)


class ProceedingActionApi(generics.GenericAPIView):  # type: ignore[type-arg]
    """Keeps the name ``api:proceeding-action`` reversing to the actions' URLs (each served by
    its own view above, routed first); any other action is not found."""

    access_rule = IS_COURT_MEMBER
    serializer_class = serializers.Serializer

    @extend_schema(exclude=True)
    def post(self, request: Request, pk: int, action: str) -> Response:
        raise NotFound


# --- Out-of-family care ------------------------------------------------------------------------


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
            "foster_family",
            "guardian",
            "care_institution",
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
    foster_family = serializers.IntegerField(
        required=False, allow_null=True, help_text="a family of the foster family register"
    )
    guardian = serializers.IntegerField(
        required=False, allow_null=True, help_text="the child's guardian in the registry"
    )
    care_institution = serializers.IntegerField(
        required=False, allow_null=True, help_text="a childcare institution"
    )
    emergency = serializers.BooleanField(
        required=False, default=False, help_text="short-term care in an institution (BTAL 37)"
    )
    child_opinion = serializers.CharField(allow_blank=True)
    siblings_note = serializers.CharField(required=False, allow_blank=True, default="")


def _carers(principal: Any, values: dict[str, Any]) -> dict[str, Any]:
    """The carer ids as records: a family of the principal's registers, a registry guardian,
    a childcare institution (the service checks that they fit the child and the form)."""
    found: dict[str, Any] = {}
    lookups: dict[str, QuerySet[Any]] = {
        "foster_family": foster_families_to_place(principal=principal),
        "guardian": LegalRepresentative.objects.all(),
        "care_institution": Institution.objects.filter(type=InstitutionType.CHILDCARE_INSTITUTION),
    }
    for field, queryset in lookups.items():
        pk = values.pop(field, None)
        if pk is not None:
            found[field] = queryset.filter(pk=pk).first()
            if found[field] is None:
                raise serializers.ValidationError({field: "not found"})
    return found


class PlacementCreateApi(generics.GenericAPIView):  # type: ignore[type-arg]
    """The orphan's court taking part in the case places one of its children in care."""

    access_rule = IS_COURT_MEMBER
    serializer_class = PlacementCreateSerializer

    def post(self, request: Request, pk: int) -> Response:
        principal = principal_for(request)
        case = case_selectors.case_get(principal=principal, pk=pk)
        data = PlacementCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        child = case.children.filter(pk=values.pop("child")).first()
        if child is None:
            raise serializers.ValidationError({"child": "not a child of the case"})
        values.update(_carers(principal, values))
        placement = call_service(
            lambda: court_services.placement_start(
                case=case, actor=signed_in_user(request._request), child=child, **values
            )
        )
        return Response(PlacementSerializer(placement).data, status=201)


class PlacementListApi(generics.ListAPIView):  # type: ignore[type-arg]
    """Placements in the cases you see whole."""

    access_rule = SEES_CASES
    serializer_class = PlacementSerializer

    def get_queryset(self) -> QuerySet[Placement]:
        return selectors.placement_list(principal=principal_for(self.request))

    def paginate_queryset(self, queryset: Any) -> Any:
        page = super().paginate_queryset(queryset) or []
        case_selectors.record_reads_with_children(
            request=self.request._request,
            shown=page,
            child_ids=[p.child_id for p in page],
            purpose="placement api",
        )
        return page


# --- Preventive talks -------------------------------------------------------------------------


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
    pagination_class = None  # all of a case's talks, never paged

    @extend_schema(responses=TalkSerializer(many=True))
    def get(self, request: Request, pk: int) -> Response:
        case = case_selectors.case_get_whole(principal=principal_for(request), pk=pk)
        talks = list(selectors.talk_list(case=case))
        case_selectors.record_reads_with_children(
            request=request._request,
            shown=[case, *talks],
            case_ids=[case.pk],
            purpose="preventive talk api",
        )
        return Response(TalkSerializer(talks, many=True).data)

    @extend_schema(request=TalkCreateSerializer, responses={201: TalkSerializer})
    def post(self, request: Request, pk: int) -> Response:
        principal = principal_for(request)
        case = case_selectors.case_get_whole(principal=principal, pk=pk)
        data = TalkCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        court = (
            selectors.courts_for_case(principal=principal, case=case)
            .filter(pk=values.pop("court"))
            .first()
        )
        if court is None:
            raise PermissionDenied
        talk = call_service(
            lambda: court_services.preventive_talk_record(
                case=case, actor=signed_in_user(request._request), court=court, **values
            )
        )
        return Response(TalkSerializer(talk).data, status=201)


# --- The support record for the court ---------------------------------------------------------


class SupportRecordApi(generics.GenericAPIView):  # type: ignore[type-arg]
    """The support record for the court (case team only): problems, plan goals, services given
    and for how long, gaps."""

    access_rule = SEES_CASES
    serializer_class = serializers.Serializer

    @extend_schema(responses=OpenApiTypes.OBJECT)
    def get(self, request: Request, pk: int) -> Response:
        case = case_selectors.case_get_whole(principal=principal_for(request), pk=pk)
        case_selectors.record_reads_with_children(
            request=request._request,
            shown=[case],
            case_ids=[case.pk],
            purpose="support record api",
        )
        record = selectors.support_record(case=case)

        def given(s: Any) -> dict[str, Any]:
            return {
                "referral": s.referral.pk,
                "service": s.referral.service.name,
                "started_on": s.referral.started_on,
                "ended_on": s.referral.ended_on,
                "hours": f"{s.hours:.2f}",
            }

        return Response(
            {
                "case": case.pk,
                "assessment": record.assessment.pk if record.assessment else None,
                "problems": [
                    {
                        "area": p.area,
                        "rating": p.rating,
                        "goals": p.goals,
                        "services": [given(s) for s in p.services],
                        "gap": p.is_gap,
                    }
                    for p in record.problems
                ],
                "services": [given(s) for s in record.services],
            }
        )
