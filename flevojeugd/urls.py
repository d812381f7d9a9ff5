from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView

from . import views

api_v1 = [
    path("crisis/", include("crisis.api.urls")),
    path("experttafel/", include("experttafel.api.urls")),
    path("perspectiefregie/", include("perspectiefregie.api.urls")),
    path("servicepunt/", include("servicepunt.api.urls")),
    path("rapportage/", include("rapportage.api.urls")),
    path("codelijsten/", include("kern.api.urls")),
]

urlpatterns = [
    path("", views.start, name="start"),
    path("healthz", views.healthz, name="healthz"),
    # Pages name their icon in base.html; the admin, PDFs and old browsers ask /favicon.ico.
    path("favicon.ico", views.favicon, name="favicon"),
    path("zoeken/", views.zoeken, name="zoeken"),
    path("account/", include("accounts.urls")),
    path("crisis/", include("crisis.urls")),
    path("experttafel/", include("experttafel.urls")),
    path("perspectiefregie/", include("perspectiefregie.urls")),
    path("servicepunt/", include("servicepunt.urls")),
    path("rapportage/", include("rapportage.urls")),
    path("beheer/", admin.site.urls),
    path("api/v1/", include(api_v1)),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SpectacularRedocView.as_view(url_name="schema"), name="api-docs"),
]

handler400 = "flevojeugd.views.ongeldig_verzoek"
handler404 = "flevojeugd.views.niet_gevonden"
handler500 = "flevojeugd.views.serverfout"
