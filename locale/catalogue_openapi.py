"""Translations of the messages the OpenAPI work added to the REST API (merged by locale/translate.py).

Same shape as translate.py: T maps an English msgid to (Finnish, Swedish). The API documentation
page itself (/api/v1/docs/) is in English, like the schema it shows, and has no strings here.
"""

T = {
    "This cursor is not valid; start again without it.": (
        "Tämä sivutuskohta (cursor) ei kelpaa; aloita alusta ilman sitä.",
        "Den här positionen (cursor) är ogiltig; börja om utan den."),
    "Give a day before the year 9999.": (
        "Anna päivä ennen vuotta 9999.",
        "Ange en dag före år 9999."),
    "No category has that service code.": (
        "Tällä palvelukoodilla ei ole aihetta.",
        "Ingen kategori har den servicekoden."),
}
