from django.urls import path

from . import views

app_name = "registry"
urlpatterns = [
    path("children/", views.child_search, name="child-search"),
    path("children/new/", views.child_create, name="child-create"),
    path("children/<int:pk>/", views.child_detail, name="child-detail"),
    path("children/<int:pk>/edit/", views.child_edit, name="child-edit"),
    path(
        "children/<int:pk>/representatives/new/",
        views.representative_add,
        name="representative-add",
    ),
    path(
        "children/<int:pk>/representatives/link/",
        views.representative_link,
        name="representative-link",
    ),
    path("children/<int:pk>/residences/new/", views.residence_add, name="residence-add"),
    path(
        "children/<int:pk>/representatives/<int:relation_pk>/residences/new/",
        views.residence_add,
        name="representative-residence-add",
    ),
    path(
        "children/<int:pk>/representatives/<int:relation_pk>/custody/new/",
        views.custody_add,
        name="custody-add",
    ),
    path("households/new/", views.household_create, name="household-create"),
    path("households/<int:pk>/", views.household_detail, name="household-detail"),
]
