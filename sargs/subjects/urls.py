from django.urls import path

from . import views

app_name = "subjects"

urlpatterns = [
    path("", views.request_list, name="request-list"),
    path("new/", views.request_create, name="request-create"),
    path("<int:pk>/", views.request_detail, name="request-detail"),
    path("<int:pk>/lookup/", views.person_lookup, name="person-lookup"),
    path("<int:pk>/people/add/", views.person_add, name="person-add"),
    path("<int:pk>/answer/", views.request_answer, name="request-answer"),
    path(
        "<int:pk>/people/<int:person_pk>/export.<str:fmt>",
        views.person_export,
        name="person-export",
    ),
    path(
        "<int:pk>/people/<int:person_pk>/correction/",
        views.correction_create,
        name="correction-create",
    ),
]
