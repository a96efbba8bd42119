"""The initiatives' pages: the list by state with its pages, the decision shown, an initiative's page
in the reader's language where it has a text in it, an unknown number, and how to make one."""

import re

import pytest

from planning.initiative_selectors import LIST_PAGE_SIZE
from planning.models import Initiative
from planning.services.initiatives import initiatives_import, initiatives_read
from tests.planning.test_initiatives_import import row

pytestmark = pytest.mark.django_db


@pytest.fixture
def sample(fixtures_dir):
    initiatives_import(rows=initiatives_read(str(fixtures_dir / "kuntalaisaloite_sample.json")), source="sample")


def _cards(html: str) -> list[int]:
    return [int(number) for number in re.findall(r'id="initiative-(\d+)"', html)]


def test_the_list_shows_every_initiative_newest_first_with_state_dates_and_support(client, sample,
                                                                                 django_assert_max_num_queries):
    with django_assert_max_num_queries(6):
        response = client.get("/en/aloitteet/")
    html = response.content.decode()
    assert response.status_code == 200
    assert _cards(html) == [990002, 990005, 990001, 990003, 990006, 990004, 990007, 990008]
    assert "8 initiatives" in html
    card = html[html.index('id="initiative-990004"'):html.index('id="initiative-990007"')]
    assert "Valaistus Jouppilanvuoren hiihtoladulle" in card and "15/09/2026" in card and "1,260" in card
    assert 'href="https://www.kuntalaisaloite.fi/fi/aloite/990004"' in card
    # The decision is shown on a decided one only.
    decided = html[html.index('id="initiative-990008"'):]
    assert "Kaupunkiympäristön toimiala lisää keskustaan 20 roska-astiaa" in decided
    assert "Kaupunkiympäristön toimiala" not in card


@pytest.mark.parametrize(("state", "numbers"), [
    ("open", [990002, 990001, 990003]),
    ("sent", [990005, 990006, 990004]),
    ("decided", [990007, 990008]),
    ("nonsense", [990002, 990005, 990001, 990003, 990006, 990004, 990007, 990008]),
])
def test_the_state_filter_lists_only_that_state(client, sample, state, numbers):
    html = client.get("/aloitteet/", {"state": state}).content.decode()
    assert _cards(html) == numbers


def test_an_empty_state_says_so(client):
    html = client.get("/aloitteet/", {"state": "decided"}).content.decode()
    assert 'id="no-initiatives"' in html and _cards(html) == []


def test_the_list_is_paged_and_the_pages_keep_the_filter(client, django_assert_max_num_queries):
    rows = [row(number, sentTime="2026-02-01", publishDate=f"2026-01-{number:02d}")
            for number in range(1, LIST_PAGE_SIZE + 6)]
    initiatives_import(rows=rows + [row(99)], source="test")
    first = client.get("/aloitteet/", {"state": "sent"}).content.decode()
    assert _cards(first) == list(range(LIST_PAGE_SIZE + 5, 5, -1))
    assert 'href="?state=sent&amp;page=2"' in first
    with django_assert_max_num_queries(6):
        second = client.get("/en/aloitteet/", {"state": "sent", "page": "2"}).content.decode()
    assert _cards(second) == [5, 4, 3, 2, 1]
    assert "page 2 of 2" in second and 'href="?state=sent&amp;page=1"' in second


def test_a_swedish_reader_gets_the_swedish_text_and_a_finnish_one_is_marked(client, sample):
    html = client.get("/sv/aloitteet/990007/").content.decode()
    assert '<h1 id="initiative-name">Simhallen öppen tidigare på vardagsmorgnar</h1>' in html
    assert "Vi föreslår att simhallen öppnar" in html
    # The city's decision is in Finnish: marked so, for screen readers.
    assert '<div lang="fi"><p>Liikuntapalvelut aikaistaa' in html
    finnish_only = client.get("/sv/aloitteet/990004/").content.decode()
    assert '<span lang="fi">Valaistus Jouppilanvuoren hiihtoladulle</span>' in finnish_only


def test_a_finnish_reader_of_a_swedish_only_initiative_gets_it_marked_swedish(client, sample):
    html = client.get("/aloitteet/990003/").content.decode()
    assert '<span lang="sv">Svenskspråkig läsecirkel på huvudbiblioteket Apila</span>' in html
    assert '<div lang="sv"><p>Vi föreslår att huvudbiblioteket Apila' in html
    assert 'href="https://www.kuntalaisaloite.fi/fi/aloite/990003"' in html
    swedish = client.get("/sv/aloitteet/990003/").content.decode()
    assert 'href="https://www.kuntalaisaloite.fi/sv/initiativ/990003"' in swedish


@pytest.mark.parametrize(("number", "expected"), [
    (990001, "collecting support on kuntalaisaloite.fi"),
    (990006, "The initiative was sent to the city on 28/08/2026"),
    (990008, "Decided on 16/03/2026"),
])
def test_an_initiative_page_says_where_it_is(client, sample, number, expected, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        response = client.get(f"/en/aloitteet/{number}/")
    assert response.status_code == 200
    assert expected in response.content.decode()


def test_an_unknown_or_foreign_number_is_404(client, sample):
    initiatives_import(rows=[row(5, municipality={"id": 145})], source="Ilmajoki", municipality=None)
    assert Initiative.objects.filter(external_id=5).exists()
    for path in ("/aloitteet/1/", "/aloitteet/5/", "/aloitteet/99999999999999999999999/"):
        assert client.get(path).status_code == 404, path
    assert 5 not in _cards(client.get("/aloitteet/").content.decode())


@pytest.mark.parametrize("prefix", ["", "/sv", "/en"])
def test_the_list_tells_how_to_make_an_initiative(client, prefix):
    html = client.get(f"{prefix}/aloitteet/").content.decode()
    section = html[html.index('id="how-to"'):]
    assert "410/2015" in section and "2 %" in section and "4 %" in section
    assert 'href="https://www.kuntalaisaloite.fi/' in section
