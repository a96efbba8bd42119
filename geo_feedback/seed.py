"""The feedback categories and reply templates (DOMAIN.md); safe to run again.

Existing rows keep what administrators changed; only missing ones are created.
"""

from city.seed import CITY_ENVIRONMENT, EDUCATION_WELLBEING, GROUP_SERVICES, WELLBEING_COUNTY, departments_seed

CATEGORIES = [
    # service code, fi, sv, en, group, location required, department, target days, duplicate radius (m)
    ("171", "Katujen kunto", "Gatornas skick", "Street condition", "city_environment", True, CITY_ENVIRONMENT, 14, 250),
    ("175", "Liikenne", "Trafik", "Traffic", "city_environment", True, CITY_ENVIRONMENT, 21, 250),
    ("198", "Liikennemerkit", "Trafikmärken", "Traffic signs", "city_environment", True, CITY_ENVIRONMENT, 7, 150),
    ("177", "Pysäköinninvalvonta", "Parkeringsövervakning", "Parking enforcement", "city_environment", True,
     CITY_ENVIRONMENT, 3, 150),
    ("174", "Puistot ja viheralueet", "Parker och grönområden", "Parks and green areas", "city_environment", True,
     CITY_ENVIRONMENT, 14, 250),
    ("178", "Asuminen", "Boende", "Housing", "city_environment", False, CITY_ENVIRONMENT, 21, 250),
    ("179", "Katuvalaistus", "Gatubelysning", "Street lighting", "city_environment", True, CITY_ENVIRONMENT, 14, 150),
    ("181", "Bussipysäkit", "Busshållplatser", "Bus stops", "city_environment", True, CITY_ENVIRONMENT, 14, 150),
    ("182", "Joukkoliikenne", "Kollektivtrafik", "Public transport", "city_environment", False, CITY_ENVIRONMENT,
     21, 500),
    ("211", "Liikuntapaikat", "Idrottsplatser", "Sports places", "city_environment", True, CITY_ENVIRONMENT, 14, 250),
    ("183", "Kävely- ja pyöräilyreitit", "Gång- och cykelvägar", "Walking and cycling routes", "city_environment",
     True, CITY_ENVIRONMENT, 14, 250),
    ("184", "Liikenneturvallisuus", "Trafiksäkerhet", "Traffic safety", "city_environment", True, CITY_ENVIRONMENT,
     21, 250),
    ("185", "Kaavoitus", "Planläggning", "Zoning", "city_environment", False, CITY_ENVIRONMENT, 30, 1000),
    ("246", "Roskaantuminen", "Nedskräpning", "Littering", "city_environment", True, CITY_ENVIRONMENT, 7, 150),
    ("172", "Ilkivalta", "Skadegörelse", "Vandalism", "city_environment", True, CITY_ENVIRONMENT, 7, 150),
    ("301", "Perusopetus", "Grundläggande utbildning", "Basic education", "services", False, EDUCATION_WELLBEING,
     21, 250),
    ("302", "Nuorisopalvelut", "Ungdomstjänster", "Youth services", "services", False, EDUCATION_WELLBEING, 21, 250),
    ("303", "Kulttuuripalvelut", "Kulturtjänster", "Culture", "services", False, EDUCATION_WELLBEING, 21, 250),
    ("304", "Kirjasto", "Bibliotek", "Library", "services", False, EDUCATION_WELLBEING, 14, 250),
    ("305", "Museot", "Museer", "Museums", "services", False, EDUCATION_WELLBEING, 21, 250),
    ("306", "Varhaiskasvatus", "Småbarnspedagogik", "Early childhood education", "services", False,
     EDUCATION_WELLBEING, 14, 250),
    ("307", "Liikuntapalvelut", "Idrottstjänster", "Sports services", "services", False, EDUCATION_WELLBEING, 14, 250),
    ("308", "Vapaa-aika", "Fritid", "Leisure", "services", False, EDUCATION_WELLBEING, 21, 250),
    ("401", "Terveyspalvelut", "Hälsotjänster", "Health services", "services", False, WELLBEING_COUNTY, 14, 250),
    ("402", "Sosiaalipalvelut", "Socialtjänster", "Social services", "services", False, WELLBEING_COUNTY, 14, 250),
    ("403", "Ikäihmisten palvelut", "Äldreomsorg", "Services for older people", "services", False, WELLBEING_COUNTY,
     14, 250),
    ("404", "Vammaispalvelut", "Handikappservice", "Disability services", "services", False, WELLBEING_COUNTY,
     14, 250),
    # The accessibility feedback channel of Act 306/2019: the city answers within 14 days.
    ("901", "Verkkopalvelun saavutettavuus", "Webbtjänstens tillgänglighet", "Accessibility of this service",
     "services", False, GROUP_SERVICES, 14, 250),
]


def categories_seed(apps=None, *, department_model: tuple[str, str] = ("city", "Department")) -> int:
    """Create the departments and categories that are missing; returns how many categories exist.

    ``department_model`` is where departments live in ``apps``: the historical migration that
    first ran this seeded them while they were still ``geo_feedback.Department``.
    """
    if apps is None:
        from django.apps import apps as registry

        apps = registry
    Category = apps.get_model("geo_feedback", "Category")
    departments = departments_seed(apps, model=department_model)
    for order, (code, fi, sv, en, group, location, department, days, radius) in enumerate(CATEGORIES):
        Category.objects.get_or_create(
            service_code=code,
            defaults={
                "name_fi": fi, "name_sv": sv, "name_en": en, "group": group, "location_required": location,
                "department": departments[department], "target_days": days, "duplicate_radius_m": radius,
                "sort_order": order,
            },
        )
    return Category.objects.count()


REPLY_TEMPLATES = [
    # status, language, title, body
    ("handled", "fi", "Korjattu", "Kiitos ilmoituksestasi. Asia on nyt korjattu."),
    ("handled", "sv", "Åtgärdat", "Tack för din anmälan. Saken är nu åtgärdad."),
    ("handled", "en", "Fixed", "Thank you for your report. It has now been fixed."),
    ("handled", "fi", "Vastattu", "Kiitos palautteestasi. Vastaus kysymykseesi: "),
    ("in_progress", "fi", "Työ aloitettu", "Kiitos ilmoituksestasi. Korjaus on työn alla, ja kerromme kun se on valmis."),
    ("in_progress", "sv", "Arbetet har börjat", "Tack för din anmälan. Reparationen pågår; vi meddelar när den är klar."),
    ("in_progress", "en", "Work started", "Thank you for your report. The repair is under way; we will tell you when it is done."),
    ("routed", "fi", "Ohjattu", "Palautteesi on ohjattu käsiteltäväksi vastaavalle toimialalle."),
    ("routed", "sv", "Skickad vidare", "Din respons har skickats till den ansvariga sektorn."),
    ("routed", "en", "Routed", "Your feedback has been sent to the department responsible."),
    ("not_citys", "fi", "Ei kaupungin", "Kiitos ilmoituksestasi. Paikka ei ole kaupungin hoidossa; ilmoitimme asiasta "
     "sen ylläpitäjälle."),
    ("not_citys", "sv", "Inte stadens", "Tack för din anmälan. Platsen sköts inte av staden; vi har meddelat den som "
     "sköter den."),
    ("not_citys", "en", "Not the city's", "Thank you for your report. The place is not maintained by the city; we "
     "have told whoever maintains it."),
    ("duplicate", "fi", "Sama asia", "Sama asia on jo ilmoitettu. Seuraat nyt sitä ilmoitusta."),
    ("forwarded", "fi", "Välitetty", "Asia kuuluu toiselle toimijalle, ja palautteesi on välitetty sinne."),
]


def reply_templates_seed(apps=None) -> int:
    """Create the starting reply templates that are missing; staff edit them in the admin."""
    if apps is None:
        from django.apps import apps as registry

        apps = registry
    ReplyTemplate = apps.get_model("geo_feedback", "ReplyTemplate")
    for status, language, title, body in REPLY_TEMPLATES:
        ReplyTemplate.objects.get_or_create(status=status, language=language, title=title, defaults={"body": body})
    return ReplyTemplate.objects.count()
