from django.urls import path

from . import views

app_name = "experttafel"
urlpatterns = [
    path("", views.overzicht, name="overzicht"),
]
