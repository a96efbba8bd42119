"""The demo city: 26 postal areas under four budget areas and the city, populations as estimates."""

import io

import pytest
from django.contrib.auth import get_user_model
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
def test_loading_the_demo_city_twice_changes_nothing(settings):
    settings.DEBUG = True  # as make run has it: the demo logins come too
    call_command("load_demo_city")
    before = list(Area.objects.values_list("id", "code", "parent_id", "population"))
    call_command("load_demo_city")
    assert list(Area.objects.values_list("id", "code", "parent_id", "population")) == before
    from django.contrib.auth import get_user_model

    assert get_user_model().objects.filter(username="admin").count() == 1


@pytest.mark.django_db
def test_with_debug_off_no_account_with_a_published_password_is_made(settings):
    settings.DEBUG, settings.DEMO_DATA = False, True  # a production site that asked for the demo anyway
    out = io.StringIO()
    call_command("load_demo_city", stdout=out, stderr=io.StringIO())
    assert not get_user_model().objects.exists()
    assert "no demo logins are created" in out.getvalue()
    assert Area.objects.filter(kind=AreaKind.POSTAL_AREA).count() == 26


@pytest.mark.django_db
def test_the_demo_is_off_unless_asked_for(settings):
    settings.DEMO_DATA = False
    out = io.StringIO()
    call_command("load_demo_city", stdout=out, stderr=io.StringIO())
    assert "The demo is off" in out.getvalue()
    assert not Area.objects.exists() and not get_user_model().objects.exists()


@pytest.mark.django_db
def test_the_demo_never_overwrites_what_the_city_imported(settings, fixtures_dir):
    # The city imported its postal areas with official figures first (here: two of them, by hand).
    call_command("import_areas", str(fixtures_dir / "seinajoki_postal_areas_2019_epsg3067.geojson"),
                 "--code-field", "postinumeroalue", "--name-field", "nimi", "--kind", "postal_area",
                 stdout=io.StringIO(), stderr=io.StringIO())
    Area.objects.filter(code="60100").update(population=9999, population_year=2024, population_source="official")
    before = Area.objects.get(code="60100")
    call_command("load_demo_city", stdout=io.StringIO(), stderr=io.StringIO())
    after = Area.objects.get(code="60100")
    assert (after.population, after.population_year, after.population_source, after.name_fi) == (
        9999, 2024, "official", before.name_fi)
    assert after.boundary.equals_exact(before.boundary, 0)


@pytest.mark.django_db
def test_the_demo_areas_have_english_names_where_a_name_has_an_english_form():
    call_command("load_demo_city", stdout=io.StringIO(), stderr=io.StringIO())
    names = dict(Area.objects.values_list("code", "name_en"))
    assert names["SJK-POHJOINEN"] == "Northern area" and names["SJK-LANSI"] == "Western area"
    assert names["60100"] == "Seinäjoki Centre"
    # Place names have no English form: English pages show the Finnish name.
    assert names["60150"] == names["SJK"] == ""
    assert Area.objects.get(code="60150").name("en") == "Kasperi"


@pytest.mark.django_db
def test_a_demo_city_loaded_before_english_names_gets_them_and_a_renamed_area_keeps_its_own():
    call_command("load_demo_city", stdout=io.StringIO(), stderr=io.StringIO())
    Area.objects.update(name_en="")  # as loaded before areas had English names
    Area.objects.filter(code="SJK-ITA").update(name_fi="Itä", name_sv="Öster")  # the city renamed it
    call_command("load_demo_city", stdout=io.StringIO(), stderr=io.StringIO())
    names = dict(Area.objects.values_list("code", "name_en"))
    assert (names["SJK-POHJOINEN"], names["60100"], names["SJK-ITA"]) == ("Northern area", "Seinäjoki Centre", "")
