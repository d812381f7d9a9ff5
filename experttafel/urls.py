from django.urls import path

from . import views

app_name = "experttafel"
urlpatterns = [
    path("", views.overzicht, name="overzicht"),
    path("inbrengen/", views.inbrengen, name="inbrengen"),
    path("casussen/<int:pk>/", views.casus, name="casus"),
    path("leercirkel/", views.leercirkel, name="leercirkel"),
]
