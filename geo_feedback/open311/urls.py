"""Open311 GeoReport v2 under /open311/v2/; the format is the suffix: requests.json, requests.xml."""

from django.urls import re_path

from geo_feedback.open311 import views

app_name = "open311"

_FORMAT = r"\.(?P<response_format>[A-Za-z0-9]+)$"

urlpatterns = [
    re_path(r"^discovery" + _FORMAT, views.discovery, name="discovery"),
    re_path(r"^services" + _FORMAT, views.service_list, name="services"),
    re_path(r"^services/(?P<service_code>[^/]+?)" + _FORMAT, views.service_definition, name="service"),
    re_path(r"^requests" + _FORMAT, views.requests, name="requests"),
    re_path(r"^requests/(?P<service_request_id>[^/]+?)" + _FORMAT, views.request_detail, name="request"),
    re_path(r"^tokens/(?P<token>[^/]+?)" + _FORMAT, views.token, name="token"),
    re_path(r"^(?P<path>.*)$", views.not_found),
]
