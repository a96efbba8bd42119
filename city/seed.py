"""The city's departments (DOMAIN.md); safe to run again: existing rows keep what administrators changed."""

GROUP_SERVICES = "konsernipalvelut"
CITY_ENVIRONMENT = "kaupunkiymparisto"
EDUCATION_WELLBEING = "sivistys"
WELLBEING_COUNTY = "hyvinvointialue"

DEPARTMENTS = [
    # code, fi, sv, en, external
    (GROUP_SERVICES, "Konsernipalvelut", "Koncerntjänster", "Group services", False),
    ("elinvoima", "Elinvoiman ja kilpailukyvyn toimiala", "Sektorn för livskraft och konkurrenskraft",
     "Vitality and competitiveness", False),
    (CITY_ENVIRONMENT, "Kaupunkiympäristön toimiala", "Sektorn för stadsmiljö", "City environment", False),
    (EDUCATION_WELLBEING, "Sivistyksen ja hyvinvoinnin toimiala", "Sektorn för bildning och välfärd",
     "Education and wellbeing", False),
    (WELLBEING_COUNTY, "Etelä-Pohjanmaan hyvinvointialue", "Södra Österbottens välfärdsområde",
     "South Ostrobothnia wellbeing services county", True),
]


def departments_seed(apps=None, *, model: tuple[str, str] = ("city", "Department")) -> dict:
    """Create the departments that are missing; returns them by code."""
    if apps is None:
        from django.apps import apps as registry

        apps = registry
    Department = apps.get_model(*model)
    departments = {}
    for code, fi, sv, en, external in DEPARTMENTS:
        departments[code], _created = Department.objects.get_or_create(
            code=code, defaults={"name_fi": fi, "name_sv": sv, "name_en": en, "is_external": external}
        )
    return departments
