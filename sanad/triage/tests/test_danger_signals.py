"""Each danger signal, in each language, with its urgency and the phrases that show it."""

import pytest

from sanad.triage.danger import DANGERS
from sanad.triage.suggestion import suggest

pytestmark = pytest.mark.smoke

EXAMPLES = {
    "self_harm": [
        "je veux mourir, je supporte plus les messages",
        "ma sœur dit qu'elle veut mourir à cause des photos",
        "I've been cutting myself again",
        "my brother told me he's going to kill himself",
        "ghadi n9tel rasi had lila",
        "sa7bti bghat tntahar",
        "كنفكر نقتل راسي",
        "صاحبي قال ليا غادي يقتل راسو",
        "أفكر في الانتحار كل يوم",
        "bghit nmout, j'en peux plus de ces messages",
    ],
    "danger_now": [
        "il m'attend en bas de chez moi, j'ai peur de sortir",
        "he's following me home right now",
        "kaytsennani 9dam dar daba",
        "بابا كيضربني كل نهار",
        "يوجد رجل ينتظرني أمام البيت الآن",
    ],
    "meeting": [
        "un homme de 35 ans que j'ai rencontré sur snap veut me voir samedi",
        "a 30 year old man i met on instagram wants to meet me this weekend",
        "wa7d rajl 3ndo 30 3am t3rft 3lih f insta bgha ntla9aw nhar sebt",
        "واحد الراجل عندو 30 عام تعرفت عليه فانستا بغا نتلاقاو نهار السبت",
        "رجل عمره 40 سنة تعرفت عليه في لعبة يريد أن يقابلني غدا",
    ],
    "sextortion_deadline": [
        "il a des photos de moi nue et il veut 1000 dh avant demain sinon il les publie",
        "he has my nudes and says he'll post them tonight if i don't pay",
        "3ndo tsawri w bgha 500dh ghda wla ghadi ynchrhom",
        "عندو تصاوري وبغا 500 درهم غدا ولا غادي ينشرهم",
        "يهددني بنشر صوري إذا لم أدفع قبل الغد",
    ],
    "credible_threat": [
        "il a dit qu'il allait me planter avec son couteau demain",
        "he sent a picture of a knife and said see you at school",
        "ghadi n9tlek lyouma f lkhrja",
        "قال ليا غادي ندقك بالموس غدا",
        "قال إنه سيطعنني بالسكين غدا",
    ],
    "sextortion": [
        "il menace de publier mes photos si je le bloque",
        "he's threatening to post my nudes",
        "kaydded bli ghadi ynchr tsawer dyali",
        "كيهدد بلي غادي ينشر التصاور ديالي",
        "يهددني بنشر صوري الخاصة",
    ],
    "threat": [
        "je vais te tuer sale bâtard",
        "i will kill you he wrote",
        "ghadi n9tlek",
        "غادي نقتلك",
        "ils m'écrivent va te suicider personne t'aime",
    ],
}


@pytest.mark.parametrize(("signal", "text"), [(signal, text) for signal, texts in EXAMPLES.items() for text in texts])
def test_each_signal_is_found_in_every_language(signal, text):
    found = suggest(text)
    assert signal in found.signals
    assert found.urgency == DANGERS[signal].urgency


def test_signals_come_most_urgent_first_and_bring_their_categories():
    found = suggest("il menace de publier mes photos si je le bloque. il m'attend devant chez moi")
    assert found.signals == ("danger_now", "sextortion")
    assert found.urgency == "P0"
    assert "sexual_exploitation" in found.categories


def test_a_deadline_near_a_threat_to_publish_makes_it_p0_and_is_highlighted():
    text = "Il a mes photos. Il veut 500dh avant ce soir sinon il les publie."
    found = suggest(text)
    assert found.signals == ("sextortion_deadline",)
    phrases = {text[start:end] for item in found.findings for start, end in item.spans}
    assert {"photos", "ce soir", "sinon", "publie"} <= phrases


def test_categories_alone_set_a_lower_urgency():
    assert suggest("ils se moquent de moi et m'insultent sur le groupe de la classe").urgency == "P2"
    assert suggest("mon compte instagram a été piraté").urgency == "P3"
    assert suggest("nothing happened today").urgency is None


def test_the_record_keeps_codes_and_offsets_never_the_text():
    text = "je veux mourir"
    record = suggest(text).record()
    assert record["signals"] == ["self_harm"]
    assert record["findings"] == [{"finds": "self_harm", "rule": "want to die", "spans": [[3, 14]]}]
    assert "mourir" not in str(record)


def test_a_long_text_of_insults_keeps_few_highlights_per_rule():
    found = suggest("connard " * 500)
    assert all(len(item.spans) <= 5 for item in found.findings)
