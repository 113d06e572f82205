"""This app's part of /api/v1/ (included into the "api" namespace by sargs/api/urls.py)."""

from django.urls import include, path

urlpatterns = [
    path("", include("sargs.assessment.collection_api_urls")),
    path("", include("sargs.assessment.output_api_urls")),
]
