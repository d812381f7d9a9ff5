from django.urls import re_path

from . import views

KWARTAAL = r"(?P<jaar>\d{4})-Q(?P<nummer>[1-4])"

urlpatterns = [
    re_path(rf"^ccp/{KWARTAAL}/$", views.CcpCijfersView.as_view(), name="api-rapportage-ccp"),
]
