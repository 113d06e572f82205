"""/api/v1/: wiring only. Each app keeps its API views in its own ``apis.py``."""

from django.urls import path
from drf_spectacular.views import SpectacularAPIView

from sargs.audit import apis as audit_apis
from sargs.core.access import SIGNED_IN
from sargs.jurisdiction import apis as jurisdiction_apis
from sargs.organisations import apis as organisation_apis
from sargs.registry import apis as registry_apis


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
    path(
        "jurisdiction/", jurisdiction_apis.JurisdictionDecideApi.as_view(), name="jurisdiction"
    ),
    path("children/", registry_apis.ChildListApi.as_view(), name="child-list"),
    path("children/<int:pk>/", registry_apis.ChildDetailApi.as_view(), name="child-detail"),
    path(
        "children/<int:pk>/jurisdiction/",
        registry_apis.ChildJurisdictionApi.as_view(),
        name="child-jurisdiction",
    ),
]
