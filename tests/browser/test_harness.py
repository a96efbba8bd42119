"""The accessibility check itself must be able to fail, or every green scan means nothing."""

import pytest


def test_axe_check_fails_on_an_unlabelled_control(page, axe_check):
    page.set_content('<html lang="fi"><head><title>t</title></head><body><main><input type="text"></main></body></html>')
    with pytest.raises(AssertionError, match="label"):
        axe_check(page)
