from django.urls import path

from . import views

app_name = "experttafel"
urlpatterns = [
    path("", views.overzicht, name="overzicht"),
    path("inbrengen/", views.inbrengen, name="inbrengen"),
    path("casussen/", views.casussen, name="casussen"),
    path("casussen/<int:pk>/", views.casus, name="casus"),
    path("leercirkel/", views.leercirkel, name="leercirkel"),
    path("sessies/<int:pk>/", views.sessie, name="sessie"),
    path("sessies/<int:pk>/agenda.pdf", views.agenda_pdf, name="agenda-pdf"),
    path("leren/", views.leren, name="leren"),
    path("leren/<int:pk>/", views.leerevaluatie, name="leerevaluatie"),
]
