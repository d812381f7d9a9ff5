from django.urls import path

from . import views

urlpatterns = [
    path("aanmeldingen/", views.AanmeldingenView.as_view(), name="api-crisis-aanmeldingen"),
    path("aanmeldingen/zoeken/", views.AanmeldingenZoekenView.as_view(), name="api-crisis-aanmeldingen-zoeken"),
    path("aanmeldingen/<int:pk>/", views.AanmeldingView.as_view(), name="api-crisis-aanmelding"),
    path("aanmeldingen/<int:pk>/triage/", views.TriageView.as_view(), name="api-crisis-triage"),
    path("aanmeldingen/<int:pk>/geen-inzet/", views.GeenInzetView.as_view(), name="api-crisis-geen-inzet"),
    path("aanmeldingen/<int:pk>/verdelen/", views.VerdelenView.as_view(), name="api-crisis-verdelen"),
    path("aanmeldingen/<int:pk>/weigeren/", views.WeigerenView.as_view(), name="api-crisis-weigeren"),
    path("aanmeldingen/<int:pk>/accepteren/", views.AccepterenView.as_view(), name="api-crisis-accepteren"),
    path("aanmeldingen/<int:pk>/inzet/", views.InzetAanmakenView.as_view(), name="api-crisis-inzet"),
    path("inzet/<int:pk>/afsluiten/", views.AfsluitenView.as_view(), name="api-crisis-afsluiten"),
    path("inzet/<int:pk>/perspectiefplan/", views.PerspectiefplanView.as_view(), name="api-crisis-perspectiefplan"),
    path("inzet/<int:pk>/correctie/", views.InzetCorrectieView.as_view(), name="api-crisis-inzet-correctie"),
    path(
        "aanmeldingen/<int:pk>/correctie/",
        views.AanmeldingCorrectieView.as_view(),
        name="api-crisis-aanmelding-correctie",
    ),
    path("beschikbaarheid/", views.BeschikbaarheidView.as_view(), name="api-crisis-beschikbaarheid"),
]
