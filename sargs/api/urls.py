"""/api/v1/: wiring only. Each app keeps its API views in its own ``apis.py``."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView

from sargs.audit import apis as audit_apis
from sargs.core.access import SIGNED_IN
from sargs.jurisdiction import apis as jurisdiction_apis
from sargs.organisations import apis as organisation_apis
from sargs.registry import apis as registry_apis
from sargs.responsibility import apis as responsibility_apis
from sargs.services import apis as services_apis


class SchemaView(SpectacularAPIView):
    access_rule = SIGNED_IN


app_name = "api"
urlpatterns = [
    path("schema/", SchemaView.as_view(), name="schema"),
    path("me/", organisation_apis.MeApi.as_view(), name="me"),
    path(
        "municipalities/", organisation_apis.MunicipalityListApi.as_view(), name="municipality-list"
    ),
    path("institutions/", organisation_apis.InstitutionListApi.as_view(), name="institution-list"),
    path(
        "institutions/<int:pk>/",
        organisation_apis.InstitutionDetailApi.as_view(),
        name="institution-detail",
    ),
    path("audit/", audit_apis.AuditEntryListApi.as_view(), name="audit-list"),
    path("jurisdiction/", jurisdiction_apis.JurisdictionDecideApi.as_view(), name="jurisdiction"),
    path("children/", registry_apis.ChildListApi.as_view(), name="child-list"),
    path("children/<int:pk>/", registry_apis.ChildDetailApi.as_view(), name="child-detail"),
    path(
        "children/<int:pk>/jurisdiction/",
        registry_apis.ChildJurisdictionApi.as_view(),
        name="child-jurisdiction",
    ),
    path("handovers/", responsibility_apis.HandoverListApi.as_view(), name="handover-list"),
    path(
        "handovers/<int:pk>/",
        responsibility_apis.HandoverDetailApi.as_view(),
        name="handover-detail",
    ),
    path(
        "handovers/<int:pk>/accept/",
        responsibility_apis.HandoverAcceptApi.as_view(),
        name="handover-accept",
    ),
    path(
        "handovers/<int:pk>/dispute/",
        responsibility_apis.HandoverDisputeApi.as_view(),
        name="handover-dispute",
    ),
    path(
        "handovers/<int:pk>/withdraw/",
        responsibility_apis.HandoverWithdrawApi.as_view(),
        name="handover-withdraw",
    ),
    path("cost-claims/", responsibility_apis.CostClaimListApi.as_view(), name="cost-claim-list"),
    path(
        "cost-claims/totals/",
        responsibility_apis.CostClaimTotalsApi.as_view(),
        name="cost-claim-totals",
    ),
    path(
        "cost-claims/<int:pk>/accept/",
        responsibility_apis.CostClaimAcceptApi.as_view(),
        name="cost-claim-accept",
    ),
    path(
        "cost-claims/<int:pk>/dispute/",
        responsibility_apis.CostClaimDisputeApi.as_view(),
        name="cost-claim-dispute",
    ),
    path(
        "cost-claims/<int:pk>/withdraw/",
        responsibility_apis.CostClaimWithdrawApi.as_view(),
        name="cost-claim-withdraw",
    ),
    path("services/catalogue/", services_apis.CatalogueListApi.as_view(), name="service-catalogue"),
    path("services/contracts/", services_apis.ContractListApi.as_view(), name="service-contracts"),
    path("services/capacity/", services_apis.CapacityApi.as_view(), name="service-capacity"),
    path(
        "services/crisis-teams/<int:pk>/rota/",
        services_apis.CrisisRotaApi.as_view(),
        name="crisis-team-rota",
    ),
    path("", include("sargs.cases.api_urls")),
    path("cooperation/", include("sargs.cooperation.api_urls")),
    path("assessment/", include("sargs.assessment.api_urls")),
    path("programme/", include("sargs.programme.api_urls")),
]
