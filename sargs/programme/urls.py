from django.urls import path

from . import council_views, monitoring_views, public_views, questionnaire_views, views

app_name = "programme"
urlpatterns = [
    path("", views.programme_list, name="programme-list"),
    path("new/", views.programme_create, name="programme-create"),
    path("<int:pk>/", views.programme_detail, name="programme-detail"),
    # Strategic part
    path("versions/<int:pk>/", views.version_detail, name="version-detail"),
    path("versions/<int:pk>/edit/", views.version_edit, name="version-edit"),
    path("versions/<int:pk>/approve/", views.version_approve, name="version-approve"),
    path("versions/<int:pk>/amend/", views.version_amend, name="version-amend"),
    path(
        "versions/<int:pk>/chart/<int:group>/<str:code>/<str:measure>.svg",
        views.situation_chart,
        name="situation-chart",
    ),
    path("versions/<int:pk>/problems/new/", views.problem_edit, name="problem-create"),
    path(
        "versions/<int:pk>/problems/<int:problem_pk>/edit/",
        views.problem_edit,
        name="problem-edit",
    ),
    path("versions/<int:pk>/priorities/new/", views.priority_edit, name="priority-create"),
    path(
        "versions/<int:pk>/priorities/<int:priority_pk>/edit/",
        views.priority_edit,
        name="priority-edit",
    ),
    path("versions/<int:pk>/involvement/new/", views.involvement_create, name="involvement-create"),
    # Action plan and budget
    path("versions/<int:pk>/plan/", views.action_plan, name="action-plan"),
    path("versions/<int:pk>/activities/new/", views.activity_edit, name="activity-create"),
    path(
        "versions/<int:pk>/activities/<int:activity_pk>/edit/",
        views.activity_edit,
        name="activity-edit",
    ),
    path("versions/<int:pk>/budget/", views.budget, name="budget"),
    path(
        "versions/<int:pk>/budget/decisions/",
        council_views.funding_record,
        name="funding-decision-record",
    ),
    path(
        "versions/<int:pk>/proposals/take/",
        council_views.proposals_take,
        name="proposals-take",
    ),
    path("<int:pk>/monitoring/hearings/", council_views.hearing_record, name="hearing-record"),
    path("activities/<int:pk>/", views.activity_detail, name="activity-detail"),
    path("activities/<int:pk>/indicators/new/", views.indicator_create, name="indicator-create"),
    # Monitoring
    path("<int:pk>/monitoring/", monitoring_views.monitoring, name="monitoring"),
    path("<int:pk>/institutions/", monitoring_views.institution_search, name="institution-search"),
    path("<int:pk>/monitoring/edit/", monitoring_views.monitoring_edit, name="monitoring-edit"),
    path(
        "<int:pk>/monitoring/members/",
        monitoring_views.council_member_add,
        name="council-member-add",
    ),
    path(
        "<int:pk>/monitoring/members/<int:member_pk>/remove/",
        monitoring_views.council_member_remove,
        name="council-member-remove",
    ),
    path(
        "<int:pk>/monitoring/dates/", monitoring_views.reporting_date_add, name="reporting-date-add"
    ),
    path("activities/<int:pk>/report/", monitoring_views.report_create, name="report-create"),
    path("reports/<int:pk>/override/", monitoring_views.report_override, name="report-override"),
    path(
        "<int:pk>/council-report.docx",
        monitoring_views.council_report_docx,
        name="council-report-docx",
    ),
    path(
        "<int:pk>/council-report.pdf",
        monitoring_views.council_report_pdf,
        name="council-report-pdf",
    ),
    # Questionnaires
    path(
        "<int:pk>/questionnaires/",
        questionnaire_views.questionnaire_list,
        name="questionnaire-list",
    ),
    path(
        "questionnaires/<int:pk>/",
        questionnaire_views.questionnaire_detail,
        name="questionnaire-detail",
    ),
    path(
        "questionnaires/<int:pk>/status/",
        questionnaire_views.questionnaire_status,
        name="questionnaire-status",
    ),
    path(
        "questionnaires/<int:pk>/summarise/",
        questionnaire_views.questionnaire_summarise,
        name="questionnaire-summarise",
    ),
    # Public: no sign-in
    path("q/<str:token>/", questionnaire_views.questionnaire_answer, name="questionnaire-answer"),
    path(
        "q/<str:token>/thanks/",
        questionnaire_views.questionnaire_thanks,
        name="questionnaire-thanks",
    ),
    path("public/<int:pk>/", public_views.public_detail, name="public-detail"),
]
