"""The Finnish personal identity code (henkilötunnus): its form, its date and its check character.

DDMMYY, the century sign, the individual number (002–999; 900–999 are temporary and test codes) and
the check character: the nine digits DDMMYYNNN as one number modulo 31, read from
``CHECK_CHARACTERS``. Since 2023 the century signs are ``+`` (1800s), ``-``/``Y``/``X``/``W``/``V``/``U``
(1900s) and ``A``–``F`` (2000s). Used by the development identity provider and by the staff's paper
ballots; the code itself is hashed at once (``planning.identity.identity_hash``) and never stored.
"""

from __future__ import annotations

import datetime
import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

CHECK_CHARACTERS = "0123456789ABCDEFHJKLMNPRSTUVWXY"
CENTURIES = {"+": 1800, "-": 1900, "Y": 1900, "X": 1900, "W": 1900, "V": 1900, "U": 1900,
             "A": 2000, "B": 2000, "C": 2000, "D": 2000, "E": 2000, "F": 2000}
_FORM = re.compile(r"^(\d{2})(\d{2})(\d{2})([-+A-FU-Y])(\d{3})([0-9A-Y])$")


def personal_identity_code_clean(value: str) -> str:
    """The code in its normal form (upper case, no spaces), or ValidationError saying what is wrong."""
    code = "".join(str(value or "").split()).upper()
    match = _FORM.match(code)
    if match is None:
        raise ValidationError(_("Give the personal identity code in the form DDMMYY-NNNC, e.g. 131052-308T."),
                              code="form")
    day, month, year, century, number, check = match.groups()
    try:
        datetime.date(CENTURIES[century] + int(year), int(month), int(day))
    except ValueError:
        raise ValidationError(_("The personal identity code does not begin with a real date (DDMMYY)."),
                              code="date") from None
    if int(number) < 2:
        raise ValidationError(_("The personal identity code's individual number (after the century sign) is "
                                "002–999."), code="number")
    if CHECK_CHARACTERS[int(day + month + year + number) % 31] != check:
        raise ValidationError(_("The personal identity code's last character does not match the rest: check "
                                "for a typing error."), code="check")
    return code
