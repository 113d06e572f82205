"""Pages of the collection (assessment:…, mounted at /assessment/)."""

from django.urls import path

from . import collection_views as views

urlpatterns = [
    path("collection/", views.collection_home, name="collection"),
    path("periods/", views.period_list, name="period-list"),
    path("periods/<int:pk>/submissions/", views.period_submissions, name="period-submissions"),
    path("periods/<int:pk>/window/", views.period_window, name="period-window"),
    path("submissions/start/", views.submission_start, name="submission-start"),
    path("submissions/<int:pk>/", views.submission_detail, name="submission-detail"),
    path(
        "submissions/<int:pk>/sections/<int:definition_pk>/",
        views.submission_section,
        name="submission-section",
    ),
    path("submissions/<int:pk>/submit/", views.submission_submit, name="submission-submit"),
    path("submissions/<int:pk>/return/", views.submission_return, name="submission-return"),
    path("submissions/<int:pk>/approve/", views.submission_approve, name="submission-approve"),
    path("submissions/<int:pk>/reopen/", views.submission_reopen, name="submission-reopen"),
    path("submissions/<int:pk>/template/", views.submission_template, name="submission-template"),
    path("submissions/<int:pk>/upload/", views.submission_upload, name="submission-upload"),
]
