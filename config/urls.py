from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView

from city.views import area_map
from config import pages
from config.health import healthz
from config.openapi import ApiDocsView
from geo_feedback import summary_views
from geo_feedback.photo_views import photo_file
from planning import budget_views
from planning.attachment_views import attachment_file
from planning.proposal_views import proposal_photo_file

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("api/v1/", include("city.api.urls")),
    path("api/v1/", include("geo_feedback.api.urls")),
    path("api/v1/", include("planning.api.urls")),
    path("open311/v2/", include("geo_feedback.open311.urls")),
    path("api/v1/schema/", SpectacularAPIView.as_view(), name="api-schema"),  # YAML, or ?format=json
    path("api/v1/docs/", ApiDocsView.as_view(url_name="api-schema"), name="api-docs"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("django-rq/", include("django_rq.urls")),
    # Residents' OpenID Connect sign-in (planning.identity_oidc; 404 unless OIDC_RP_CLIENT_ID is set).
    path("oidc/", include("planning.identity_oidc_urls")),
]
# Finnish at /, Swedish at /sv/, English at /en/.
urlpatterns += i18n_patterns(
    path("", pages.home, name="home"),
    path("alueet/", area_map, name="area-map"),
    path("saavutettavuus/", pages.accessibility_statement, name="accessibility"),
    path("tietosuoja/", pages.privacy_notice, name="privacy"),
    path("palaute/", include("geo_feedback.urls")),
    path("kaavat/", include("planning.urls")),
    path("asukasbudjetti/", budget_views.budget_round_list, name="budget-rounds"),
    path("asukasbudjetti/<int:pk>/", budget_views.budget_round_page, name="budget-round"),
    path("asukasbudjetti/", include("planning.proposal_urls")),
    path("asukasbudjetti/", include("planning.voting_urls")),
    path("asukasbudjetti/", include("planning.result_urls")),
    path("tunnistaudu/", include("planning.identity_urls")),
    path("osallistumiskartta/", include("planning.map_urls")),
    path("paneelit/", include("planning.panel_urls")),
    path("aloitteet/", include("planning.initiative_urls")),
    path("osallistumisraportti/", include("planning.participation_report_urls")),
    # Before "henkilosto/": the staff pages' own patterns must not catch these.
    path("henkilosto/kaavat/", include("planning.staff.urls")),
    path("henkilosto/paneelit/jasenet/", include("planning.staff.panel_member_urls")),
    path("henkilosto/paneelit/", include("planning.staff.panel_urls")),
    path("henkilosto/osallistumisraportti/", include("planning.staff.participation_report_urls")),
    path("henkilosto/asukasbudjetti/aanestys/", include("planning.staff.paper_ballot_urls")),
    path("henkilosto/asukasbudjetti/", include("planning.staff.budget_review_urls")),
    path("henkilosto/yhteenveto/", summary_views.summary_page, name="staff-summary"),
    path("henkilosto/yhteenveto/luvut.csv", summary_views.summary_figures_csv, name="staff-summary-figures-csv"),
    path("henkilosto/yhteenveto/palautteet.csv", summary_views.summary_tickets_csv, name="staff-summary-tickets-csv"),
    path("henkilosto/", include("geo_feedback.staff.urls")),
    path("admin/", admin.site.urls),
    prefix_default_language=False,
)

# Photos and plans' attachments go through views that check who may see them, with DEBUG on or off;
# the attachments' folder first, since the photos' route takes every other stored file.
urlpatterns.append(path(settings.MEDIA_URL.lstrip("/") + "processes/<path:name>", attachment_file,
                        name="attachment-file"))
urlpatterns.append(path(settings.MEDIA_URL.lstrip("/") + "budget/<path:name>", proposal_photo_file,
                        name="proposal-photo-file"))
urlpatterns.append(path(settings.MEDIA_URL.lstrip("/") + "<path:name>", photo_file, name="photo-file"))
