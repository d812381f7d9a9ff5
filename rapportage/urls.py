from django.urls import path, re_path

from . import views

app_name = "rapportage"
urlpatterns = [
    path("", views.lijst, name="lijst"),
    path("jeugdzorgtrajecten/", views.trajecten, name="trajecten"),
    path("aanbieder/", views.aanbieder_cijfers, name="aanbieder"),
    path("<int:pk>/", views.rapport, name="rapport"),
    path("<int:pk>/status/", views.status, name="status"),
    path("<int:pk>/download/", views.download, name="download"),
    re_path(r"^(?P<pk>\d+)/cijfers/(?P<sectie>[a-z]+)\.(?P<formaat>csv|json)$", views.export, name="export"),
]
