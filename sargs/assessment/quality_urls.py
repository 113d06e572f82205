"""Pages of the quality part (assessment:…, mounted at /assessment/)."""

from django.urls import path

from . import quality_views as views

urlpatterns = [
    path("quality/", views.quality_index, name="quality-index"),
    path(
        "quality/<int:municipality_id>/<int:year>/",
        views.quality_checks,
        name="quality-checks",
    ),
    path(
        "quality/<int:municipality_id>/<int:year>/freeze/",
        views.quality_freeze,
        name="quality-freeze",
    ),
    path("population/import/", views.population_import_view, name="population-import"),
]
