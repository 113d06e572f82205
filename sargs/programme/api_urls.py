"""This app's part of /api/v1/ (included into the "api" namespace by sargs/api/urls.py)."""

from django.urls import path  # noqa: F401

urlpatterns: list = []
