"""Area API: GeoJSON in EPSG:4326, built by PostGIS."""

from django.http import Http404, HttpResponse
from rest_framework.request import Request

from config.api import GEOJSON, LocalizedAPIView
from planning.api.serializers import AreaQuerySerializer
from planning.selectors import area_feature_geojson, area_geojson, area_list


class AreaListView(LocalizedAPIView):
    """GET /api/v1/areas/: a FeatureCollection of areas, filtered by kind, parent or a point."""

    def get(self, request: Request) -> HttpResponse:
        query = AreaQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        filters = query.validated_data
        areas = area_list(kind=filters.get("kind"), parent_code=filters.get("parent"))
        if "contains" in filters:
            areas = areas.containing(filters["contains"])
        return HttpResponse(area_geojson(areas, language=self.language), content_type=GEOJSON)


class AreaDetailView(LocalizedAPIView):
    """GET /api/v1/areas/{code}/: one area as a GeoJSON Feature."""

    def get(self, request: Request, code: str) -> HttpResponse:
        feature = area_feature_geojson(code, language=self.language)
        if feature is None:
            raise Http404(f"No area has the code {code!r}.")
        return HttpResponse(feature, content_type=GEOJSON)
