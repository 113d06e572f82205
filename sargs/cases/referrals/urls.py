"""Pages of referrals and the services' results; part of the ``cases`` URL namespace
(sargs/cases/urls.py)."""

from django.urls import path

from . import views

urlpatterns = [
    path("<int:pk>/referrals/new/", views.referral_create, name="referral-create"),
    path("<int:pk>/referrals/providers/", views.provider_search, name="referral-provider-search"),
    path("referrals/", views.referral_list, name="referral-list"),
    path("referrals/<int:pk>/", views.referral_detail, name="referral-detail"),
    path("referrals/<int:pk>/accept/", views.referral_accept, name="referral-accept"),
    path("referrals/<int:pk>/waitlist/", views.referral_waitlist, name="referral-waitlist"),
    path(
        "referrals/<int:pk>/cooperation/",
        views.referral_cooperation,
        name="referral-cooperation",
    ),
    path("referrals/<int:pk>/assistant/", views.referral_assistant, name="referral-assistant"),
    path("referrals/<int:pk>/start/", views.referral_start, name="referral-start"),
    path("referrals/<int:pk>/sessions/new/", views.referral_session, name="referral-session"),
    path("referrals/<int:pk>/complete/", views.referral_complete, name="referral-complete"),
    path("referrals/<int:pk>/end/", views.referral_end, name="referral-end"),
    path("results/", views.service_results_page, name="service-results"),
    path("results/summary/", views.service_results_summary, name="service-results-summary"),
]
