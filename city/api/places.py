"""GET /api/v1/places/?q=TEXT&limit=N: place search for the report page's location finder."""

from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from city.api.schema import place_search_schema
from city.geocoding import MAX_QUERY_LENGTH, MAX_RESULTS, geocoder
from config.api import LocalizedAPIView


class PlaceQuerySerializer(serializers.Serializer):
    q = serializers.CharField(required=False, allow_blank=True, max_length=MAX_QUERY_LENGTH)
    limit = serializers.IntegerField(required=False, min_value=1, max_value=MAX_RESULTS, default=10)


class PlaceSearchView(LocalizedAPIView):
    """Places, residential areas and postal codes matching ``q``: [{label, kind, lon, lat}]."""

    @place_search_schema
    def get(self, request: Request) -> Response:
        query = PlaceQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        results = geocoder().search(query.validated_data.get("q", ""), query.validated_data["limit"],
                                    language=self.language)
        return Response({"results": [result.as_dict() for result in results]})
