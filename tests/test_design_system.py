"""The pages take their look from the Helsinki Design System, themed in one place (css/tokens.css).

These read the files: no colour is set outside the tokens, the tokens' text colours are readable
(WCAG 2.1 AA contrast), every button and table in our templates and scripts is HDS's, and every
page loads the system before our own CSS so that the city's tokens win."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

ROOT = Path(__file__).resolve().parent.parent
STATIC = ROOT / "static"
TOKENS = STATIC / "css" / "tokens.css"
OWN_CSS = sorted(path for path in (STATIC / "css").glob("*.css") if path != TOKENS)
OWN_JS = sorted((STATIC / "js").glob("*.js"))
TEMPLATES = sorted(path for app in ("config", "city", "geo_feedback", "planning")
                   for path in (ROOT / app).glob("templates/**/*.html") if "email" not in path.parts)
OWN_PYTHON = sorted(path for app in ("config", "city", "geo_feedback", "planning")
                    for path in (ROOT / app).rglob("*.py") if "migrations" not in path.parts)
COLOUR_LITERAL = re.compile(r"#[0-9a-fA-F]{3,8}\b|\b(?:rgb|rgba|hsl|hsla)\(")


def _tokens() -> dict[str, str]:
    return dict(re.findall(r"(--sjk-[\w-]+):\s*(#[0-9a-fA-F]{6})\s*;", TOKENS.read_text()))


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(one: str, other: str) -> float:
    high, low = sorted((_luminance(one), _luminance(other)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_contrast_is_computed_as_wcag_says():
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)  # the famous AA grey


@pytest.mark.parametrize("path", OWN_CSS + OWN_JS, ids=lambda path: path.name)
def test_no_colour_is_set_outside_the_tokens(path):
    literals = [(number, line.strip()) for number, line in enumerate(path.read_text().splitlines(), 1)
                if COLOUR_LITERAL.search(line.split("/*")[0].split("//")[0])]
    assert not literals, f"{path.name} sets colours of its own (use a token of css/tokens.css): {literals}"


@pytest.mark.parametrize("path", OWN_PYTHON, ids=lambda path: str(path.relative_to(ROOT)))
def test_what_python_draws_takes_its_colours_from_the_tokens(path):
    literals = [line.strip() for line in path.read_text().splitlines() if re.search(r"[\"']#[0-9a-fA-F]{6}[\"']", line)]
    assert not literals, f"{path.name} sets colours of its own (use config.design_tokens.token): {literals}"


def test_python_reads_the_same_tokens_as_the_pages():
    from config.design_tokens import design_tokens, token

    assert design_tokens() == {name.removeprefix("--sjk-"): value for name, value in _tokens().items()}
    assert token("blue") == _tokens()["--sjk-blue"]
    with pytest.raises(KeyError):
        token("no-such-colour")


def test_the_tokens_theme_the_design_system():
    text = TOKENS.read_text()
    for hds_variable in ("--color-bus", "--color-bus-dark", "--color-focus-outline", "--color-error", "--font-default"):
        assert re.search(rf"{hds_variable}:\s*var\(--sjk-|{hds_variable}:\s*system-ui", text), hds_variable
    assert "HelsinkiGrotesk" not in text  # the Helsinki fonts are not ours to use


def test_text_colours_are_readable_on_white_and_white_on_them():
    tokens = _tokens()
    white = tokens["--sjk-white"]
    for name in ("--sjk-blue", "--sjk-blue-dark", "--sjk-sky", "--sjk-lakeus", "--sjk-harvest", "--sjk-ink",
                 "--sjk-muted", "--sjk-error", "--sjk-private"):
        assert contrast(tokens[name], white) >= 4.5, name
    # Text on the light backgrounds the pages use.
    for text_colour, background in (("--sjk-ink", "--sjk-blue-light"), ("--sjk-ink", "--sjk-harvest-light"),
                                    ("--sjk-blue", "--sjk-blue-light"), ("--sjk-ink", "--sjk-lakeus-light"),
                                    ("--sjk-ink", "--sjk-private-light"), ("--sjk-lakeus", "--sjk-lakeus-light")):
        assert contrast(tokens[text_colour], tokens[background]) >= 4.5, (text_colour, background)


def test_pins_and_map_lines_stand_out_from_white_and_from_the_map():
    tokens = _tokens()
    map_grey = "#dddddd"  # the map's background where the tiles have not loaded (Leaflet's own)
    for name, value in tokens.items():
        if name.startswith(("--sjk-status-", "--sjk-map-")) and name != "--sjk-map-area-fill":
            assert contrast(value, tokens["--sjk-white"]) >= 3, name
            assert contrast(value, map_grey) >= 3, name


@pytest.mark.parametrize("path", TEMPLATES + OWN_JS, ids=lambda path: f"{path.parent.name}/{path.name}")
def test_every_button_and_table_is_the_design_systems(path):
    text = path.read_text()
    buttons = re.findall(r"<button\b[^>]*>", text)
    # The form's hidden default button (Enter sends the form) is not seen, so it has no look.
    plain = [tag for tag in buttons if "hds-button" not in tag and 'class="visually-hidden"' not in tag]
    assert not plain, f"buttons without HDS's classes in {path.name}: {plain}"
    tables = [tag for tag in re.findall(r"<table\b[^>]*>", text) if "hds-table" not in tag]
    assert not tables, f"tables without HDS's classes in {path.name}: {tables}"


@pytest.mark.django_db
def test_every_page_loads_the_system_before_the_citys_tokens_and_our_css(client: Client):
    html = client.get(reverse("home")).content.decode()
    order = [html.find(name) for name in ("hds-core/base", "hds-core/components", "css/tokens", "css/site")]
    assert -1 not in order and order == sorted(order), order


def test_the_vendored_system_is_whole_and_its_licence_is_kept():
    vendor = STATIC / "vendor" / "hds-core"
    assert "MIT License" in (vendor / "LICENSE").read_text()
    assert ".hds-button--primary" in (vendor / "components.min.css").read_text()
    assert "--color-bus" in (vendor / "base.min.css").read_text()
    readme = (STATIC / "vendor" / "README.md").read_text()
    assert "hds-core" in readme and "MIT" in readme


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda path: f"{path.parent.name}/{path.name}")
def test_no_template_comment_spans_lines(path):
    """Django's {# #} ends at the line's end: one that spans lines is printed on the page."""
    open_comments = [line for line in path.read_text().splitlines() if "{#" in line and "#}" not in line.split("{#", 1)[1]]
    assert not open_comments, f"use {{% comment %}} in {path.name}: {open_comments}"


def test_forms_give_each_widget_the_design_systems_class():
    from django import forms

    from city.forms import DesignSystemForm

    class Example(DesignSystemForm, forms.Form):
        name = forms.CharField()
        when = forms.DateField(widget=forms.DateInput(attrs={"type": "date", "class": "wide"}))
        topic = forms.ChoiceField(choices=[("a", "A")])
        text = forms.CharField(widget=forms.Textarea)
        kind = forms.ChoiceField(choices=[("a", "A")], widget=forms.RadioSelect)
        tags = forms.MultipleChoiceField(choices=[("a", "A")], widget=forms.CheckboxSelectMultiple)
        agree = forms.BooleanField()
        photo = forms.FileField()
        secret = forms.CharField(widget=forms.HiddenInput)

    classes = {name: field.widget.attrs.get("class", "") for name, field in Example().fields.items()}
    assert classes == {
        "name": "hds-text-input__input", "when": "wide hds-text-input__input", "topic": "hds-text-input__input",
        "text": "hds-text-input__input", "kind": "hds-radio-button__input", "tags": "hds-checkbox__input",
        "agree": "hds-checkbox__input", "photo": "", "secret": "",
    }
    Example()  # a second form does not add the class twice to the (shared, deep-copied) widgets
    assert Example().fields["name"].widget.attrs["class"] == "hds-text-input__input"
