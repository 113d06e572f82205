"""Pages of the assessment's outputs (dashboard, findings, reports)."""

from django.urls import path

from . import output_views

urlpatterns = [
    path("dashboard/", output_views.dashboard, name="dashboard"),
    path("dashboard/<str:code>/", output_views.dashboard_indicator, name="dashboard-indicator"),
    path(
        "dashboard/<str:code>/municipalities/",
        output_views.dashboard_municipalities_page,
        name="dashboard-municipalities",
    ),
    path("reports/", output_views.report_list, name="report-list"),
    path("findings/start/", output_views.findings_start, name="findings-start"),
    path("<int:pk>/findings/", output_views.findings_edit, name="findings-edit"),
    path("<int:pk>/report.<str:fmt>", output_views.report_download, name="report-download"),
]
