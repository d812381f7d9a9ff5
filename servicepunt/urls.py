from django.urls import path

from . import views

app_name = "servicepunt"
urlpatterns = [
    path("", views.overzicht, name="overzicht"),
    path("landschap/", views.landschap, name="landschap"),
    path("beschikkingen/", views.beschikkingen, name="beschikkingen"),
    path("beschikkingen/zoeken/", views.beschikkingen_zoeken, name="beschikkingen_zoeken"),
    path("beschikkingen/<int:pk>/", views.beschikking, name="beschikking"),
    path("wachtlijst/", views.wachtlijst, name="wachtlijst"),
    path("matching/", views.matching, name="matching"),
]
