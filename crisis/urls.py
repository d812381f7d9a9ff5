from django.urls import path

from . import views

app_name = "crisis"
urlpatterns = [
    path("", views.dagoverzicht, name="dagoverzicht"),
    path("aanmeldingen/", views.aanmeldingen, name="aanmeldingen"),
    path("aanmelden/", views.aanmelden, name="aanmelden"),
    path("aanmeldingen/<int:pk>/", views.aanmelding, name="aanmelding"),
    path("beschikbaarheid/", views.beschikbaarheid, name="beschikbaarheid"),
    path("toewijzingen/", views.toewijzingen, name="toewijzingen"),
    path("cijfers/", views.cijfers, name="cijfers"),
    path("importeren/", views.importeren, name="importeren"),
    path("importeren/<int:pk>/", views.import_resultaat, name="import"),
    path("importeren/<int:pk>/status/", views.import_status, name="import_status"),
]
