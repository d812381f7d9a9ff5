from django.urls import path

from . import views

urlpatterns = [
    path("sessies/planning/", views.PlanningView.as_view(), name="api-et-planning"),
    path("sessies/", views.SessiesView.as_view(), name="api-et-sessies"),
    path("sessies/<int:pk>/annuleren/", views.SessieAnnulerenView.as_view(), name="api-et-sessie-annuleren"),
    path("sessies/<int:pk>/verplaatsen/", views.SessieVerplaatsenView.as_view(), name="api-et-sessie-verplaatsen"),
    path("sessies/<int:pk>/agenda/", views.AgendaView.as_view(), name="api-et-agenda"),
    path("casussen/", views.CasussenView.as_view(), name="api-et-casussen"),
    path("casussen/zoeken/", views.CasussenZoekenView.as_view(), name="api-et-casussen-zoeken"),
    path("casussen/<int:pk>/", views.CasusView.as_view(), name="api-et-casus"),
    path("casussen/<int:pk>/deelnemers/", views.DeelnemerView.as_view(), name="api-et-deelnemers"),
    path("casussen/<int:pk>/uitnodigen/", views.UitnodigenView.as_view(), name="api-et-uitnodigen"),
    path("casussen/<int:pk>/besproken/", views.BesprokenView.as_view(), name="api-et-besproken"),
    path("casussen/<int:pk>/advies/", views.AdviesView.as_view(), name="api-et-advies"),
    path("casussen/<int:pk>/opvolging/", views.OpvolgingView.as_view(), name="api-et-opvolging"),
    path(
        "casussen/<int:pk>/opvolging/correctie/",
        views.OpvolgingCorrectieView.as_view(),
        name="api-et-opvolging-correctie",
    ),
    path("casussen/<int:pk>/escaleren/", views.EscalerenView.as_view(), name="api-et-escaleren"),
    path(
        "casussen/<int:pk>/escalatie-uitkomst/", views.EscalatieUitkomstView.as_view(), name="api-et-escalatie-uitkomst"
    ),
    path("casussen/<int:pk>/volgorde/", views.VolgordeView.as_view(), name="api-et-volgorde"),
    path("casussen/<int:pk>/intrekken/", views.IntrekkenView.as_view(), name="api-et-intrekken"),
    path("casussen/<int:pk>/sluiten/", views.SluitenView.as_view(), name="api-et-sluiten"),
]
