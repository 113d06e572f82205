from django.urls import path

from . import views

app_name = "responsibility"
urlpatterns = [
    path("handovers/", views.handover_list, name="handover-list"),
    path("handovers/<int:pk>/", views.handover_detail, name="handover-detail"),
    path("handovers/<int:pk>/accept/", views.handover_accept, name="handover-accept"),
    path("handovers/<int:pk>/dispute/", views.handover_dispute, name="handover-dispute"),
    path("handovers/<int:pk>/resubmit/", views.handover_resubmit, name="handover-resubmit"),
    path("handovers/<int:pk>/withdraw/", views.handover_withdraw, name="handover-withdraw"),
    path("claims/", views.claim_list, name="claim-list"),
    path("claims/new/", views.claim_create, name="claim-create"),
    path("claims/totals/", views.claim_totals, name="claim-totals"),
    path("claims/<int:pk>/", views.claim_detail, name="claim-detail"),
    path("claims/<int:pk>/accept/", views.claim_accept, name="claim-accept"),
    path("claims/<int:pk>/dispute/", views.claim_dispute, name="claim-dispute"),
    path("claims/<int:pk>/withdraw/", views.claim_withdraw, name="claim-withdraw"),
    path("claims/<int:pk>/answer/", views.claim_answer, name="claim-answer"),
    path("claims/<int:pk>/code/", views.claim_code_add, name="claim-code"),
    path("claims/<int:pk>/invoice/", views.claim_invoice, name="claim-invoice"),
]
