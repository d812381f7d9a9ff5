from django.urls import path

from . import views

urlpatterns = [
    path("trajecten/", views.TrajectenView.as_view(), name="api-regie-trajecten"),
    path("trajecten/<int:pk>/regisseur/", views.RegisseurView.as_view(), name="api-regie-regisseur"),
    path(
        "trajecten/<int:pk>/perspectiefplan/correctie/",
        views.PlanCorrectieView.as_view(),
        name="api-regie-plan-correctie",
    ),
    path("trajecten/<int:pk>/sluiten/", views.SluitenView.as_view(), name="api-regie-sluiten"),
]
