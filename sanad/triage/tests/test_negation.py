"""Negations and denials turn a statement off; "I don't want to live" is danger all the same."""

import pytest

from sanad.triage.suggestion import suggest

pytestmark = pytest.mark.smoke


@pytest.mark.parametrize(
    "text",
    [
        "je ne veux pas mourir, je veux juste que ça s'arrête",
        "je n'ai jamais pensé au suicide",
        "je suis pas suicidaire",
        "I'm not suicidal, I just want the account gone",
        "I never wanted to kill myself",
        "ma bghitch nmout, bghit ghir y7ydo tsawer",
        "3mmri ma fkkert n9tl rasi",
        "ما بغيتش نموت",
        "عمري ما فكرت نقتل راسي",
        "لا أفكر في الانتحار",
        "لم أفكر أبدا في الانتحار",
        "personne ne m'attend dehors",
        "il n'a jamais menacé de publier les photos",
    ],
)
def test_a_denied_danger_is_no_signal(text):
    assert suggest(text).signals == ()


@pytest.mark.parametrize(
    "text",
    [
        "je veux plus vivre",
        "je n'ai plus envie de vivre",
        "je n'ai plus aucune raison de vivre",
        "i dont want to live anymore",
        "there's no reason for me to live",
        "ma b9itch bagha n3ich",
        "mabghitch n3ich",
        "ma 3ndi 3lach n3ich",
        "ما بقيتش باغي نعيش",
        "مابغيتش نعيش",
        "لم أعد أريد أن أعيش",
        "j'aimerais ne jamais être née",
        "I want to sleep and never wake up",
    ],
)
def test_a_negation_that_is_the_danger_itself_is_kept(text):
    assert suggest(text).signals == ("self_harm",)


def test_a_negation_in_another_clause_does_not_reach():
    assert suggest("je ne sais pas, je veux mourir").signals == ("self_harm",)
    assert suggest("personne ne m'aime, je veux mourir").signals == ("self_harm",)


def test_a_negated_threat_to_publish_is_no_sextortion_but_a_condition_with_not_is_one():
    assert suggest("il ne va pas publier mes photos").signals == ()
    assert suggest("il va publier mes photos si je ne paie pas").signals == ("sextortion",)
