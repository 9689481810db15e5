"""URLs of the exhibition pages: cinemas, and what happens under one deal (by its reference)."""

from django.urls import URLPattern, path

from . import rate_views, views
from .statement_urls import statement_urlpatterns

app_name = "exhibition"
urlpatterns: list[URLPattern] = [
    path("cinemas/", views.cinema_list, name="cinema_list"),
    path("cinemas/new/", views.cinema_create, name="cinema_create"),
    path("cinemas/<int:pk>/", views.cinema_detail, name="cinema_detail"),
    path("cinemas/<int:pk>/screens/new/", views.screen_create, name="screen_create"),
    path("deals/<str:reference>/", views.deal_exploitation, name="deal_exploitation"),
    path("deals/<str:reference>/bookings/new/", views.booking_create, name="booking_create"),
    path("deals/<str:reference>/deliveries/new/", views.delivery_create, name="delivery_create"),
    path("deals/<str:reference>/reports/", views.report_upload, name="report_upload"),
    path("deals/<str:reference>/expenses/", views.expenses, name="expenses"),
    path("deals/<str:reference>/payments/", views.payments, name="payments"),
    path("deals/<str:reference>/payments/<int:pk>/confirm/", views.payment_confirm, name="payment_confirm"),
    path("bookings/<int:pk>/", views.booking_detail, name="booking_detail"),
    path("bookings/<int:pk>/cancel/", views.booking_cancel, name="booking_cancel"),
    path("bookings/<int:pk>/kdm/", views.kdm_request, name="kdm_request"),
    path("rates/", rate_views.exchange_rates, name="exchange_rates"),
]
urlpatterns += statement_urlpatterns
