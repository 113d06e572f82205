"""Pages of the assessment; each part keeps its own URL module (collection, quality, outputs)."""

from django.urls import include, path

app_name = "assessment"
urlpatterns = [
    path("", include("sargs.assessment.collection_urls")),
    path("", include("sargs.assessment.quality_urls")),
    path("", include("sargs.assessment.output_urls")),
]
