"""NPAIS oversight pages; part of the ``cases`` URL namespace (sargs/cases/urls.py)."""

from django.urls import path

from . import views

urlpatterns = [
    path("npais/", views.npais_list, name="npais-list"),
    path("npais/<int:pk>/confirm/", views.npais_confirm, name="npais-confirm"),
]
