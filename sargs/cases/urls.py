from django.urls import path

from . import (
    placement_views,
    plan_views,
    proceeding_views,
    referral_views,
    results_views,
    talk_views,
    views,
)

app_name = "cases"
urlpatterns = [
    path("", views.case_list, name="case-list"),
    path("<int:pk>/", views.case_detail, name="case-detail"),
    path("<int:pk>/tasks/new/", views.task_create, name="task-create"),
    path("<int:pk>/notes/new/", views.note_add, name="note-add"),
    path("<int:pk>/participants/new/", views.participant_add, name="participant-add"),
    path("<int:pk>/assessments/new/", views.assessment_create, name="assessment-create"),
    path("<int:pk>/close/", views.case_close, name="case-close"),
    path("<int:pk>/plan/", plan_views.plan_detail, name="plan"),
    path("<int:pk>/support-record/", plan_views.support_record, name="support-record"),
    path(
        "<int:pk>/support-record.docx",
        plan_views.support_record_export,
        name="support-record-export",
    ),
    path("<int:pk>/plan/agree/", plan_views.plan_agree, name="plan-agree"),
    path("tasks/<int:pk>/done/", views.task_complete, name="task-complete"),
    path("tasks/<int:pk>/cancel/", views.task_cancel, name="task-cancel"),
    path("concerns/", views.concern_list, name="concern-list"),
    path("concerns/new/", views.concern_create, name="concern-create"),
    path("concerns/<int:pk>/", views.concern_detail, name="concern-detail"),
    path("concerns/<int:pk>/accept/", views.concern_accept, name="concern-accept"),
    path("concerns/<int:pk>/register/", views.concern_register, name="concern-register"),
    path("concerns/<int:pk>/close/", views.concern_close, name="concern-close"),
    path("alerts/<int:pk>/acknowledge/", views.alert_acknowledge, name="alert-acknowledge"),
    path("<int:pk>/referrals/new/", referral_views.referral_create, name="referral-create"),
    path("referrals/", referral_views.referral_list, name="referral-list"),
    path("referrals/<int:pk>/", referral_views.referral_detail, name="referral-detail"),
    path("referrals/<int:pk>/accept/", referral_views.referral_accept, name="referral-accept"),
    path(
        "referrals/<int:pk>/waitlist/", referral_views.referral_waitlist, name="referral-waitlist"
    ),
    path(
        "referrals/<int:pk>/cooperation/",
        referral_views.referral_cooperation,
        name="referral-cooperation",
    ),
    path("referrals/<int:pk>/start/", referral_views.referral_start, name="referral-start"),
    path(
        "referrals/<int:pk>/sessions/new/",
        referral_views.referral_session,
        name="referral-session",
    ),
    path(
        "referrals/<int:pk>/complete/", referral_views.referral_complete, name="referral-complete"
    ),
    path("referrals/<int:pk>/end/", referral_views.referral_end, name="referral-end"),
    path("outcomes/", plan_views.outcomes, name="outcomes"),
    path("results/", results_views.service_results_page, name="service-results"),
    path(
        "results/summary/",
        results_views.service_results_summary,
        name="service-results-summary",
    ),
    path("<int:pk>/proceedings/new/", proceeding_views.proceeding_open, name="proceeding-open"),
    path("proceedings/", proceeding_views.proceeding_list, name="proceeding-list"),
    path("<int:pk>/placements/new/", placement_views.placement_start, name="placement-start"),
    path("placements/<int:pk>/end/", placement_views.placement_end, name="placement-end"),
    path("proceedings/<int:pk>/", proceeding_views.proceeding_detail, name="proceeding-detail"),
    path(
        "proceedings/<int:pk>/remedy/",
        proceeding_views.proceeding_remedy,
        name="proceeding-remedy",
    ),
    path(
        "proceedings/<int:pk>/extend/",
        proceeding_views.proceeding_extend,
        name="proceeding-extend",
    ),
    path(
        "proceedings/<int:pk>/decide/",
        proceeding_views.proceeding_decide,
        name="proceeding-decide",
    ),
    path(
        "proceedings/<int:pk>/judgment/",
        proceeding_views.proceeding_judgment,
        name="proceeding-judgment",
    ),
    path("<int:pk>/talks/", talk_views.talk_list, name="talk-list"),
    path("<int:pk>/talks/new/", talk_views.talk_create, name="talk-create"),
    path("worklist/", views.worklist, name="worklist"),
    path("worklist/due/", views.worklist_due, name="worklist-due"),
    path("worklist/overdue/", views.worklist_overdue, name="worklist-overdue"),
    path("worklist/institution/", views.worklist_institution, name="worklist-institution"),
]
