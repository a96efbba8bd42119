"""The closing report of a process (under /kaavat/<pk>/raportti/): the page, a PDF, the comments as CSV
and the commented geometries as GeoJSON. Included by planning.urls, so the names are "plans:report…"."""

from django.urls import path

from planning import report_views

urlpatterns = [
    path("", report_views.report_page, name="report"),
    path("raportti.pdf", report_views.report_pdf, name="report-pdf"),
    path("kommentit.csv", report_views.report_csv, name="report-csv"),
    path("kommentit.geojson", report_views.report_geojson_view, name="report-geojson"),
]
