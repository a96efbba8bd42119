"""Area API: GeoJSON in EPSG:4326, built by PostGIS."""

from django.http import Http404, HttpResponse
from rest_framework.request import Request

from city.api.schema import area_detail_schema, area_list_schema
from city.api.serializers import AreaQuerySerializer
from city.selectors import area_feature_geojson, area_geojson, area_list
from config.api import GEOJSON, LocalizedAPIView


class AreaListView(LocalizedAPIView):
    """GET /api/v1/areas/: a FeatureCollection of areas, filtered by kind, parent or a point."""

    @area_list_schema
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

    @area_detail_schema
    def get(self, request: Request, code: str) -> HttpResponse:
        # A NUL byte can be in no code (nor in PostgreSQL text): no such area.
        feature = area_feature_geojson(code, language=self.language) if "\x00" not in code else None
        if feature is None:
            raise Http404(f"No area has the code {code!r}.")
        return HttpResponse(feature, content_type=GEOJSON)
