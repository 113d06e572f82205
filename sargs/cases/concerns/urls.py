"""Pages of concerns and alerts; part of the ``cases`` URL namespace (sargs/cases/urls.py)."""

from django.urls import path

from . import views

urlpatterns = [
    path("concerns/", views.concern_list, name="concern-list"),
    path("concerns/new/", views.concern_create, name="concern-create"),
    path("concerns/<int:pk>/", views.concern_detail, name="concern-detail"),
    path("concerns/<int:pk>/accept/", views.concern_accept, name="concern-accept"),
    path("concerns/<int:pk>/register/", views.concern_register, name="concern-register"),
    path("concerns/<int:pk>/close/", views.concern_close, name="concern-close"),
    path("alerts/<int:pk>/acknowledge/", views.alert_acknowledge, name="alert-acknowledge"),
]
