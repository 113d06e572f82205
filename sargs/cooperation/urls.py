from django.urls import path

from . import meeting_views, views

app_name = "cooperation"
urlpatterns = [
    path("", views.group_list, name="group-list"),
    path("new/", views.group_create, name="group-create"),
    path("<int:pk>/", views.group_detail, name="group-detail"),
    path("<int:pk>/edit/", views.group_edit, name="group-edit"),
    path("<int:pk>/search/<slug:what>/", views.group_search, name="group-search"),
    path("new/search/<slug:what>/", views.group_new_search, name="group-new-search"),
    path("<int:pk>/members/new/", views.member_add, name="member-add"),
    path("<int:pk>/members/<int:member_pk>/end/", views.member_end, name="member-end"),
    path("<int:pk>/activate/", views.group_activate, name="group-activate"),
    path("<int:pk>/nolikums.docx", views.bylaws, name="group-bylaws"),
    path("<int:pk>/meetings/new/", meeting_views.meeting_create, name="meeting-create"),
    path("<int:pk>/report/", meeting_views.report, name="group-report"),
    path("reports/", meeting_views.report_index, name="report-index"),
    path("tasks/<int:pk>/done/", views.task_done, name="task-done"),
    path("meetings/<int:pk>/", meeting_views.meeting_detail, name="meeting-detail"),
    path("meetings/<int:pk>/items/new/", meeting_views.item_add, name="item-add"),
    path("meetings/<int:pk>/guests/new/", meeting_views.guest_invite, name="guest-invite"),
    path("meetings/<int:pk>/attendance/", meeting_views.attendance, name="attendance"),
    path(
        "meetings/<int:pk>/confidentiality/",
        meeting_views.confidentiality,
        name="confidentiality-confirm",
    ),
    path("meetings/<int:pk>/overdue/", meeting_views.overdue, name="meeting-overdue"),
    path("meetings/<int:pk>/close/", meeting_views.meeting_close, name="meeting-close"),
    path(
        "meetings/<int:pk>/invitation.<str:fmt>",
        meeting_views.invitation,
        name="meeting-invitation",
    ),
    path("meetings/<int:pk>/minutes.<str:fmt>", meeting_views.minutes, name="meeting-minutes"),
    path("items/<int:pk>/", meeting_views.item_detail, name="item-detail"),
    path("items/<int:pk>/decision/", meeting_views.decision_record, name="item-decide"),
]
