"""Pages of concerns and alerts; part of the ``cases`` URL namespace (sargs/cases/urls.py)."""

from django.urls import path

from sargs.cases.casework import transfer_views

from . import claim_views, views

urlpatterns = [
    path("concerns/", views.concern_list, name="concern-list"),
    path("concerns/new/", views.concern_create, name="concern-create"),
    path("concerns/<int:pk>/", views.concern_detail, name="concern-detail"),
    path("concerns/<int:pk>/accept/", views.concern_accept, name="concern-accept"),
    path("concerns/<int:pk>/register/", views.concern_register, name="concern-register"),
    path("concerns/<int:pk>/close/", views.concern_close, name="concern-close"),
    path("concerns/<int:pk>/claim/", claim_views.concern_claim, name="concern-claim"),
    path("<int:pk>/children/<int:child_pk>/claim/", claim_views.case_claim, name="case-claim"),
    path("transfers/<int:pk>/", transfer_views.transfer_detail, name="transfer-detail"),
    path(
        "transfers/<int:pk>/document.<str:fmt>",
        transfer_views.transfer_download,
        name="transfer-document",
    ),
    path("alerts/<int:pk>/acknowledge/", views.alert_acknowledge, name="alert-acknowledge"),
]
