"""The worker reads the text of a screenshot in Arabic, French and English, and seals it."""

import pytest

from sanad.evidence.actions import capture_file
from sanad.evidence.tasks import verify_evidence
from sanad.evidence.tests import samples

pytestmark = pytest.mark.django_db

CHATS = {
    "arabic": (["واش نتا فين دابا", "غادي نفضحك قدام الناس"], "نفضحك"),
    "french": (["Salut tu es où ?", "Envoie la photo sinon je publie tout"], "photo"),
    "english": (["Where are you now", "Send it or everyone will see"], "everyone"),
    "mixed": (["Envoie la photo", "ماتقولش لحتى واحد", "or else"], "ماتقولش"),
}


@pytest.mark.parametrize(("messages", "word"), CHATS.values(), ids=CHATS.keys())
def test_a_known_word_is_read_in_a_generated_screenshot(evidence_dir, messages, word):
    evidence = capture_file(samples.chat_screenshot(messages), name="screenshot.png", actor="reporter")
    verify_evidence.call(str(evidence.pk))
    evidence.refresh_from_db()
    assert word in evidence.ocr_text.split()
    assert word.encode() not in bytes(evidence.ocr_text_sealed)  # sealed like the report's text


def test_a_photo_is_not_read():
    evidence = capture_file(samples.encoded(samples.scene(3)), name="photo.png", actor="reporter")
    verify_evidence.call(str(evidence.pk))
    evidence.refresh_from_db()
    assert evidence.ocr_text == ""
