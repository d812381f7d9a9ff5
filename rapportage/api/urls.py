from django.urls import re_path

from . import views

KWARTAAL = r"(?P<jaar>\d{4})-Q(?P<nummer>[1-4])"

urlpatterns = [
    re_path(rf"^ccp/{KWARTAAL}/$", views.sectie_view("ccp"), name="api-rapportage-ccp"),
    re_path(rf"^experttafel/{KWARTAAL}/$", views.sectie_view("experttafel"), name="api-rapportage-experttafel"),
    re_path(
        rf"^perspectiefregie/{KWARTAAL}/$",
        views.sectie_view("perspectiefregie"),
        name="api-rapportage-perspectiefregie",
    ),
    re_path(rf"^servicepunt/{KWARTAAL}/$", views.sectie_view("servicepunt"), name="api-rapportage-servicepunt"),
    re_path(rf"^aanbieder/{KWARTAAL}/$", views.AanbiederCijfersView.as_view(), name="api-rapportage-aanbieder"),
]
