"""The API routes of sargs.cases, by sub-area; included under /api/v1/ by sargs/api/urls.py
(inside the ``api`` namespace, so the names are ``api:<name>``)."""

from django.urls import path

from sargs.cases.casework import apis as casework
from sargs.cases.concerns import apis as concerns
from sargs.cases.court import apis as court
from sargs.cases.referrals import apis as referrals

concern_routes = [
    path("concerns/", concerns.ConcernListApi.as_view(), name="concern-list"),
    path("concerns/<int:pk>/", concerns.ConcernDetailApi.as_view(), name="concern-detail"),
    path("concerns/<int:pk>/accept/", concerns.ConcernAcceptApi.as_view(), name="concern-accept"),
    path("concerns/<int:pk>/close/", concerns.ConcernCloseApi.as_view(), name="concern-close"),
    path(
        "alerts/<int:pk>/acknowledge/",
        concerns.AlertAcknowledgeApi.as_view(),
        name="alert-acknowledge",
    ),
]

casework_routes = [
    path("cases/", casework.CaseListApi.as_view(), name="case-list"),
    path("cases/outcomes/", casework.OutcomeFiguresApi.as_view(), name="case-outcomes"),
    path("cases/<int:pk>/", casework.CaseDetailApi.as_view(), name="case-detail"),
    path("cases/<int:pk>/tasks/", casework.TaskCreateApi.as_view(), name="case-task-create"),
    path(
        "cases/<int:pk>/assessments/",
        casework.AssessmentApi.as_view(),
        name="case-assessment-create",
    ),
    path("cases/<int:pk>/close/", casework.CaseCloseApi.as_view(), name="case-close"),
    path("cases/<int:pk>/plan/", casework.PlanApi.as_view(), name="case-plan"),
    path("cases/<int:pk>/plan/agree/", casework.PlanAgreementApi.as_view(), name="case-plan-agree"),
    path("tasks/<int:pk>/complete/", casework.TaskCompleteApi.as_view(), name="task-complete"),
    path("worklist/", casework.WorklistApi.as_view(), name="worklist"),
]

referral_routes = [
    path(
        "cases/<int:pk>/referrals/",
        referrals.ReferralCreateApi.as_view(),
        name="case-referral-create",
    ),
    path("referrals/", referrals.ReferralListApi.as_view(), name="referral-list"),
    path("referrals/<int:pk>/", referrals.ReferralDetailApi.as_view(), name="referral-detail"),
    path(
        "referrals/<int:pk>/<slug:action>/",
        referrals.ReferralActionApi.as_view(),
        name="referral-action",
    ),
    path("services/results/", referrals.ServiceResultsApi.as_view(), name="service-results"),
    path(
        "services/results/summary/",
        referrals.ServiceResultsSummaryApi.as_view(),
        name="service-results-summary",
    ),
]

court_routes = [
    path("proceedings/", court.ProceedingListApi.as_view(), name="proceeding-list"),
    path("proceedings/<int:pk>/", court.ProceedingDetailApi.as_view(), name="proceeding-detail"),
    path(
        "proceedings/<int:pk>/remedy/",
        court.ProceedingRemedyApi.as_view(),
        name="proceeding-remedy",
    ),
    path(
        "proceedings/<int:pk>/extend/",
        court.ProceedingExtendApi.as_view(),
        name="proceeding-extend",
    ),
    path(
        "proceedings/<int:pk>/decide/",
        court.ProceedingDecideApi.as_view(),
        name="proceeding-decide",
    ),
    path(
        "proceedings/<int:pk>/judgment/",
        court.ProceedingJudgmentApi.as_view(),
        name="proceeding-judgment",
    ),
    # After the four actions: only unknown ones reach it (404); keeps the old name reversible.
    path(
        "proceedings/<int:pk>/<slug:action>/",
        court.ProceedingActionApi.as_view(),
        name="proceeding-action",
    ),
    path(
        "cases/<int:pk>/placements/",
        court.PlacementCreateApi.as_view(),
        name="case-placement-create",
    ),
    path("placements/", court.PlacementListApi.as_view(), name="placement-list"),
    path("cases/<int:pk>/talks/", court.TalkListCreateApi.as_view(), name="case-talks"),
    path(
        "cases/<int:pk>/support-record/",
        court.SupportRecordApi.as_view(),
        name="case-support-record",
    ),
]

urlpatterns = [*concern_routes, *casework_routes, *referral_routes, *court_routes]
