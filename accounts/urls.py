from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("inloggen/", views.InloggenView.as_view(), name="inloggen"),
    path("tweestaps/", views.tweestaps, name="tweestaps"),
    path("uitloggen/", views.UitloggenView.as_view(), name="uitloggen"),
]
