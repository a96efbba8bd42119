"""The demo city: 26 postal areas under four budget areas and the city, populations as estimates."""

import pytest
from django.core.management import call_command
from django.db.models import Sum

from city.models import Area, AreaKind


@pytest.mark.django_db
def test_demo_city_nests_areas_and_adds_up_to_the_city_population():
    call_command("load_demo_city", stdout=None)
    postal = Area.objects.filter(kind=AreaKind.POSTAL_AREA)
    assert postal.count() == 26
    assert postal.aggregate(total=Sum("population"))["total"] == 64_130
    assert set(postal.values_list("population_source", flat=True)) == {"estimate"}
    budget = Area.objects.filter(kind=AreaKind.BUDGET_AREA)
    assert sorted(budget.values_list("code", flat=True)) == ["SJK-ETELA", "SJK-ITA", "SJK-LANSI", "SJK-POHJOINEN"]
    city = Area.objects.get(kind=AreaKind.CITY)
    assert city.population == 64_130 and city.population_source == "estimate"
    assert set(budget.values_list("parent", flat=True)) == {city.pk}
    assert set(postal.values_list("parent__kind", flat=True)) == {"budget_area"}
    for area in budget:  # a budget area's figure is its members' sum
        assert area.population == sum(child.population for child in area.children.all())
    # The city's boundary is the union of its parts (1 439 km²), computed by PostGIS.
    assert city.boundary.area / 1e6 == pytest.approx(1439, rel=0.01)
    assert Area.objects.get(code="61400").parent.code == "SJK-POHJOINEN"  # Ylistaro in the north
    assert Area.objects.get(code="61100").parent.code == "SJK-ETELA"  # Peräseinäjoki in the south


@pytest.mark.django_db
def test_loading_the_demo_city_twice_changes_nothing():
    call_command("load_demo_city")
    before = list(Area.objects.values_list("id", "code", "parent_id", "population"))
    call_command("load_demo_city")
    assert list(Area.objects.values_list("id", "code", "parent_id", "population")) == before
    from django.contrib.auth import get_user_model

    assert get_user_model().objects.filter(username="admin").count() == 1
