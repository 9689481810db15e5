"""URLs of the directory under /coproduction/directory/: studios, locations, their closures and booking
requests, specialists and the invitations projects send them."""

from django.urls import URLPattern, path

from cinebridge.coproduction.views import directory as views

_FACILITY = "directory/<str:facility>/<slug:slug>"

urlpatterns: list[URLPattern] = [
    path("directory/studios/", views.studio_list, name="studio_list"),
    path("directory/studios/new/", views.studio_create, name="studio_create"),
    path("directory/studios/<slug:slug>/", views.studio_detail, name="studio_detail"),
    path("directory/studios/<slug:slug>/edit/", views.studio_edit, name="studio_edit"),
    path("directory/studios/<slug:slug>/stages/new/", views.stage_add, name="stage_add"),
    path("directory/locations/", views.location_list, name="location_list"),
    path("directory/locations/new/", views.location_create, name="location_create"),
    path("directory/locations/<slug:slug>/", views.location_detail, name="location_detail"),
    path("directory/locations/<slug:slug>/edit/", views.location_edit, name="location_edit"),
    path("directory/locations/<slug:slug>/photos/new/", views.location_photo_add, name="location_photo_add"),
    path(f"{_FACILITY}/closures/new/", views.closure_add, name="closure_add"),
    path(f"{_FACILITY}/book/", views.booking_request, name="booking_request"),
    path("directory/bookings/", views.booking_list, name="booking_list"),
    path("directory/bookings/<int:pk>/answer/", views.booking_answer, name="booking_answer"),
    path("directory/specialists/", views.specialist_list, name="specialist_list"),
    path("directory/specialists/new/", views.specialist_create, name="specialist_create"),
    path("directory/specialists/<slug:slug>/", views.specialist_detail, name="specialist_detail"),
    path("directory/specialists/<slug:slug>/edit/", views.specialist_edit, name="specialist_edit"),
    path("directory/specialists/<slug:slug>/invite/", views.invitation_create, name="invitation_create"),
    path("directory/invitations/", views.invitation_list, name="invitation_list"),
    path("directory/invitations/<int:pk>/answer/", views.invitation_answer, name="invitation_answer"),
]
