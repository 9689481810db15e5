"""URLs of the deals pages: /deals/, /deals/request/, /deals/<reference>/ and its answers."""

from django.urls import path

from . import views

app_name = "deals"
urlpatterns = [
    path("", views.deal_list, name="list"),
    path("request/", views.deal_request, name="request"),
    path("<str:reference>/", views.deal_detail, name="detail"),
    path("<str:reference>/offer/", views.deal_offer, name="offer"),
    path("<str:reference>/counter/", views.deal_counter, name="counter"),
    path("<str:reference>/sign/", views.deal_sign, name="sign"),
    path("<str:reference>/decline/", views.deal_decline, name="decline"),
    path("<str:reference>/withdraw/", views.deal_withdraw, name="withdraw"),
    path("<str:reference>/terminate/", views.deal_terminate, name="terminate"),
    path("<str:reference>/memo.pdf", views.deal_memo_pdf, name="memo_pdf"),
]
