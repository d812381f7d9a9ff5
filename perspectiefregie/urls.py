from django.urls import path

from . import views

app_name = "perspectiefregie"
urlpatterns = [
    path("", views.lijst, name="lijst"),
    path("trajecten/<int:pk>/", views.traject, name="traject"),
]
