from django.urls import path

from . import views

app_name = "services"
urlpatterns = [
    path("", views.catalogue_list, name="catalogue-list"),
    path("catalogue/new/", views.catalogue_create, name="catalogue-create"),
    path("catalogue/<int:pk>/edit/", views.catalogue_edit, name="catalogue-edit"),
    path("contracts/", views.contract_list, name="contract-list"),
    path("contracts/new/", views.contract_create, name="contract-create"),
    path("contracts/<int:pk>/edit/", views.contract_edit, name="contract-edit"),
    path("providers/<int:pk>/staff/", views.provider_staff, name="provider-staff"),
    path("crisis-teams/", views.crisis_team_list, name="crisis-team-list"),
    path("crisis-teams/<int:pk>/", views.crisis_team_detail, name="crisis-team-detail"),
    path("crisis-teams/<int:pk>/members/", views.crisis_member_add, name="crisis-member-add"),
    path("crisis-teams/<int:pk>/shifts/", views.crisis_shift_add, name="crisis-shift-add"),
    path(
        "crisis-teams/<int:pk>/shifts/<int:shift_pk>/delete/",
        views.crisis_shift_delete,
        name="crisis-shift-delete",
    ),
    path("capacity/", views.capacity, name="capacity"),
]
