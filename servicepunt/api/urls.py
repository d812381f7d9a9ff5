from django.urls import path

from . import views

urlpatterns = [
    path("capaciteit/", views.CapaciteitView.as_view(), name="api-sp-capaciteit"),
    path("beschikkingen/", views.BeschikkingenView.as_view(), name="api-sp-beschikkingen"),
    path("beschikkingen/zoeken/", views.BeschikkingenZoekenView.as_view(), name="api-sp-beschikkingen-zoeken"),
    path("beschikkingen/<int:pk>/", views.BeschikkingView.as_view(), name="api-sp-beschikking"),
    path("beschikkingen/<int:pk>/gemeente/", views.BeschikkingGemeenteView.as_view(), name="api-sp-gemeente"),
    path("beschikkingen/<int:pk>/plaatsingen/", views.PlaatsingenView.as_view(), name="api-sp-plaatsingen"),
    path(
        "beschikkingen/<int:pk>/correctie/",
        views.BeschikkingCorrectieView.as_view(),
        name="api-sp-beschikking-correctie",
    ),
    path("plaatsingen/<int:pk>/correctie/", views.PlaatsingCorrectieView.as_view(), name="api-sp-plaatsing-correctie"),
    path("wachtlijst/", views.WachtlijstView.as_view(), name="api-sp-wachtlijst"),
    path("matching/", views.MatchingView.as_view(), name="api-sp-matching"),
]
