"""This app's part of /api/v1/ (included into the "api" namespace by sargs/api/urls.py)."""

from django.urls import path

from . import apis

urlpatterns = [
    path("", apis.ProgrammeListApi.as_view(), name="programme-list"),
    path("<int:pk>/", apis.ProgrammeDetailApi.as_view(), name="programme-detail"),
    path(
        "versions/<int:pk>/activities/",
        apis.ActivityListApi.as_view(),
        name="programme-activities",
    ),
    path(
        "activities/<int:pk>/reports/",
        apis.ReportListApi.as_view(),
        name="programme-reports",
    ),
]
