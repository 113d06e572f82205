"""This app's part of /api/v1/ (included into the "api" namespace by sargs/api/urls.py)."""

from django.urls import path

from . import apis

urlpatterns: list = [
    path("groups/", apis.GroupListApi.as_view(), name="cooperation-group-list"),
    path("groups/<int:pk>/", apis.GroupDetailApi.as_view(), name="cooperation-group-detail"),
    path(
        "groups/<int:pk>/meetings/",
        apis.GroupMeetingsApi.as_view(),
        name="cooperation-meeting-list",
    ),
    path("meetings/<int:pk>/", apis.MeetingDetailApi.as_view(), name="cooperation-meeting-detail"),
    path(
        "items/<int:pk>/decision/",
        apis.DecisionRecordApi.as_view(),
        name="cooperation-decision-record",
    ),
]
