from pathlib import Path

from django.conf import settings

from sanad.stats.catalogue import INDICATORS
from sanad.stats.doc import render


def test_the_doc_is_the_catalogue():
    written = (Path(settings.BASE_DIR) / "docs" / "indicators.md").read_text(encoding="utf-8")
    assert written == render(), "run `manage.py indicators_doc` and commit docs/indicators.md"


def test_every_indicator_says_who_may_see_it_and_whence_it_comes():
    for indicator in INDICATORS:
        assert indicator.definition and indicator.unit and indicator.source, indicator.code
        assert indicator.audiences, indicator.code
