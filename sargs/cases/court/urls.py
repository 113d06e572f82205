"""Pages of the orphan's court's work; part of the ``cases`` URL namespace
(sargs/cases/urls.py)."""

from django.urls import path

from . import crisis_views, views

urlpatterns = [
    path("<int:pk>/crisis/", crisis_views.crisis_calls, name="crisis-calls"),
    path(
        "<int:pk>/crisis/<int:call>/agreement/",
        crisis_views.crisis_agreement,
        name="crisis-agreement",
    ),
    path("<int:pk>/proceedings/new/", views.proceeding_open, name="proceeding-open"),
    path("proceedings/", views.proceeding_list, name="proceeding-list"),
    path("proceedings/<int:pk>/", views.proceeding_detail, name="proceeding-detail"),
    path("proceedings/<int:pk>/remedy/", views.proceeding_remedy, name="proceeding-remedy"),
    path("proceedings/<int:pk>/extend/", views.proceeding_extend, name="proceeding-extend"),
    path("proceedings/<int:pk>/decide/", views.proceeding_decide, name="proceeding-decide"),
    path("proceedings/<int:pk>/judgment/", views.proceeding_judgment, name="proceeding-judgment"),
    path(
        "proceedings/<int:pk>/support-record/",
        views.proceeding_attach_support_record,
        name="proceeding-support-record-attach",
    ),
    path(
        "proceedings/<int:pk>/support-record/<int:doc_pk>.docx",
        views.proceeding_support_record_download,
        name="proceeding-support-record-download",
    ),
    path("foster-families/", views.foster_family_list_page, name="foster-family-list"),
    path(
        "foster-families/<int:pk>/status/",
        views.foster_family_status,
        name="foster-family-status",
    ),
    path("<int:pk>/placements/new/", views.placement_start, name="placement-start"),
    path("placements/<int:pk>/end/", views.placement_end, name="placement-end"),
    path("<int:pk>/talks/", views.talk_list, name="talk-list"),
    path("<int:pk>/talks/new/", views.talk_create, name="talk-create"),
    path("<int:pk>/support-record/", views.support_record, name="support-record"),
    path(
        "<int:pk>/support-record.docx",
        views.support_record_export,
        name="support-record-export",
    ),
]
