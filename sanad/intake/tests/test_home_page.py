"""The home page tells a child they can write in Darija, how to hide their visit, and where to talk."""

import pytest
from django.utils import translation
from django.utils.html import escape

pytestmark = pytest.mark.django_db

SAID = [
    "Free, confidential, and anonymous if you want. Write in Darija, in Arabic or Latin letters, or in Arabic or French.",
    "To hide your visit, open Sanad in a private window, or delete it from your browser's history afterwards.",
    "Child helpline",
]


@pytest.mark.parametrize("language", ["ar", "fr", "en"])
def test_the_home_page_says_what_a_child_needs_to_know(client, language):
    page = client.get(f"/{language}/").content.decode()
    with translation.override(language):
        for text in map(translation.gettext, SAID):
            assert text in page or escape(text) in page, text
    assert 'href="tel:2511"' in page
