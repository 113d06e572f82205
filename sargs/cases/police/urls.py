"""Pages of the police's part; part of the ``cases`` URL namespace (sargs/cases/urls.py)."""

from django.urls import path

from . import views

urlpatterns = [
    path("<int:pk>/police/", views.police_part, name="police-part"),
    path("<int:pk>/police/assessment/", views.police_assessment, name="police-assessment"),
    path("<int:pk>/police/prevention/", views.police_prevention, name="police-prevention"),
]
