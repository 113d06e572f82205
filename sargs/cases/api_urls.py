"""API routes of the cases app kept beside its views; included by sargs/api/urls.py."""

from django.urls import path

from . import talk_views

urlpatterns = [
    path(
        "cases/<int:pk>/talks/",
        talk_views.TalkListCreateApi.as_view(),
        name="case-talks",
    ),
]
