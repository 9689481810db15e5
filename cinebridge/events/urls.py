"""URLs of the events pages under /events/: festivals (`urls_festivals`), the organisers' programme
pages (`urls_programmes`) and the public programme with its feeds and booklet (`urls_public`)."""

from cinebridge.events import urls_festivals, urls_programmes, urls_public

app_name = "events"
urlpatterns = urls_public.urlpatterns + urls_festivals.urlpatterns + urls_programmes.urlpatterns
