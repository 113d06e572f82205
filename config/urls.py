from django.urls import include, path

from sargs.core.admin_site import admin_site

urlpatterns = [
    path("", include("sargs.portal.urls")),
    path("", include("sargs.core.urls")),
    path("accounts/", include("sargs.accounts.urls")),
    path("organisations/", include("sargs.organisations.urls")),
    path("audit/", include("sargs.audit.urls")),
    path("registry/", include("sargs.registry.urls")),
    path("responsibility/", include("sargs.responsibility.urls")),
    path("services/", include("sargs.services.urls")),
    path("cases/", include("sargs.cases.urls")),
    path("cooperation/", include("sargs.cooperation.urls")),
    path("assessment/", include("sargs.assessment.urls")),
    path("programme/", include("sargs.programme.urls")),
    path("subjects/", include("sargs.subjects.urls")),
    path("api/v1/", include("sargs.api.urls")),
    path("admin/", admin_site.urls),
]

# Unknown paths under /api/ answer DRF's JSON 404, as the API schema says; pages the 404 page.
handler404 = "sargs.api.errors.not_found"
