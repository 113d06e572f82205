"""The outputs' read API (api:assessment-…, under /api/v1/assessment/)."""

from django.urls import path

from . import output_apis as apis

urlpatterns = [
    path("values/", apis.AssessmentValuesApi.as_view(), name="assessment-values"),
    path("dashboard/<str:code>/", apis.DashboardSeriesApi.as_view(), name="assessment-dashboard"),
]
