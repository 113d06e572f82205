"""Pages of case work; part of the ``cases`` URL namespace (sargs/cases/urls.py)."""

from django.urls import path

from . import family_views, views

urlpatterns = [
    path("", views.case_list, name="case-list"),
    path("<int:pk>/", views.case_detail, name="case-detail"),
    path("<int:pk>/institutions/", views.case_institution_search, name="case-institution-search"),
    path("<int:pk>/tasks/new/", views.task_create, name="task-create"),
    path("<int:pk>/notes/new/", views.note_add, name="note-add"),
    path("<int:pk>/participants/new/", views.participant_add, name="participant-add"),
    path("<int:pk>/assessments/new/", views.assessment_create, name="assessment-create"),
    path("<int:pk>/close/", views.case_close, name="case-close"),
    path("<int:pk>/children/new/", family_views.case_child_add, name="case-child-add"),
    path(
        "<int:pk>/children/register/",
        family_views.case_sibling_register,
        name="case-sibling-register",
    ),
    path("<int:pk>/plan/", views.plan_detail, name="plan"),
    path("<int:pk>/plan/agree/", views.plan_agree, name="plan-agree"),
    path("tasks/<int:pk>/done/", views.task_complete, name="task-complete"),
    path("tasks/<int:pk>/cancel/", views.task_cancel, name="task-cancel"),
    path("outcomes/", views.outcomes, name="outcomes"),
    path("worklist/", views.worklist, name="worklist"),
    path("worklist/due/", views.worklist_due, name="worklist-due"),
    path("worklist/overdue/", views.worklist_overdue, name="worklist-overdue"),
    path("worklist/institution/", views.worklist_institution, name="worklist-institution"),
]
