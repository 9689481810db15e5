"""URLs: the API and admin outside the language prefix, every page inside it (/fa/…, /ru/…)."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path

from cinebridge.web import views as web_views

urlpatterns: list[URLPattern | URLResolver] = [
    path("i18n/setlang/", web_views.language_set, name="set_language"),
    path("api/", include("cinebridge.api.urls")),
]
urlpatterns += i18n_patterns(
    path("admin/", admin.site.urls),
    path("accounts/", include("cinebridge.accounts.urls")),
    path("api-tokens/", include("cinebridge.api.web_urls")),
    path("rights/", include("cinebridge.rights.urls")),
    path("deals/", include("cinebridge.deals.urls")),
    path("exhibition/", include("cinebridge.exhibition.urls")),
    path("inbox/", include("cinebridge.notifications.urls")),
    path("events/", include("cinebridge.events.urls")),
    path("coproduction/", include("cinebridge.coproduction.urls")),
    path("", include("cinebridge.catalogue.urls")),
    path("", include("cinebridge.web.urls")),
)
if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
