"""Talk of dying or killing as a figure of speech, a joke, an exam, a game or a parent's anger is
not danger; humour that hides real distress is."""

import pytest

from sanad.triage.suggestion import suggest

pytestmark = pytest.mark.smoke


@pytest.mark.parametrize(
    "text",
    [
        "mdr j'suis mort de rire",
        "je meurs de faim",
        "je m'ennuie à mourir en cours",
        "I'm dying of laughter",
        "I'm dying to see that movie",
        "mt b dde7k hhhh",
        "nmout 3lik a khti",
        "متت بالضحك",
        "كدت أموت من الضحك",
        "نموت عليك",
    ],
)
def test_idioms_of_dying_are_not_danger(text):
    assert suggest(text).signals == ()


@pytest.mark.parametrize(
    "text",
    [
        "le bac va me tuer",
        "j'ai un exam demain je vais mourir",
        "this exam is going to kill me",
        "lmt7an ghadi y9tlni",
        "الامتحان غادي يقتلني",
        "je vais me suicider si j'ai encore une mauvaise note en maths mdr",
    ],
)
def test_exams_are_figurative(text):
    assert suggest(text).signals == ()


@pytest.mark.parametrize(
    "text",
    [
        "il m'a tué dans free fire et il m'a traité de noob",
        "I killed him in fortnite and he got mad",
        "n9tlek f pubg hhh",
        "قتلتو فالفري فاير هههه",
    ],
)
def test_games_are_figurative(text):
    assert "self_harm" not in suggest(text).signals
    assert not {"threat", "credible_threat"} & set(suggest(text).signals)


@pytest.mark.parametrize(
    "text",
    [
        "ma mère va me tuer si elle apprend que j'ai séché",
        "my mom will kill me if she finds out i failed",
        "bba ghadi y9telni ila chaf la note",
        "ماما غادي تقتلني إلا شافت النقطة",
        "أمي ستقتلني إذا رأت درجاتي",
    ],
)
def test_a_parent_who_will_kill_is_a_figure(text):
    assert suggest(text).signals == ()


def test_a_parent_with_a_weapon_is_no_figure():
    assert "credible_threat" in suggest("mon père a un couteau et il dit qu'il va me tuer").signals


@pytest.mark.parametrize(
    "text",
    [
        "mdr je vais me pendre, de toute façon personne ne remarquerait",
        "lol guess i'll just kms, nobody would even notice tbh",
        "hhhh ghadi n9tl rasi, 7ta wa7d ma kayhtam biya",
        "هههه سأقتل نفسي، لا أحد يهتم بي أصلا",
    ],
)
def test_humour_does_not_hide_intent_when_the_text_shows_distress(text):
    assert suggest(text).signals == ("self_harm",)


def test_the_same_joke_without_distress_stays_a_joke():
    assert suggest("mdr je vais me pendre").signals == ()
