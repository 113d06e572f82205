"""The collection's API (api:assessment-…, under /api/v1/assessment/)."""

from django.urls import path

from . import collection_apis as apis

urlpatterns = [
    path("periods/", apis.PeriodListApi.as_view(), name="assessment-period-list"),
    path("submissions/", apis.SubmissionListApi.as_view(), name="assessment-submission-list"),
    path(
        "submissions/<int:pk>/",
        apis.SubmissionDetailApi.as_view(),
        name="assessment-submission-detail",
    ),
    path(
        "submissions/<int:pk>/values/",
        apis.SubmissionValuesApi.as_view(),
        name="assessment-submission-values",
    ),
    path(
        "submissions/<int:pk>/submit/",
        apis.SubmissionSubmitApi.as_view(),
        name="assessment-submission-submit",
    ),
    path(
        "submissions/<int:pk>/return/",
        apis.SubmissionReturnApi.as_view(),
        name="assessment-submission-return",
    ),
    path(
        "submissions/<int:pk>/approve/",
        apis.SubmissionApproveApi.as_view(),
        name="assessment-submission-approve",
    ),
    path(
        "submissions/<int:pk>/reopen/",
        apis.SubmissionReopenApi.as_view(),
        name="assessment-submission-reopen",
    ),
]
