from django.urls import path

from . import views

urlpatterns = [path("", views.CodelijstenView.as_view(), name="api-codelijsten")]
