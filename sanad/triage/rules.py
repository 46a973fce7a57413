"""The rules: which concepts, in which order and how close, make a danger signal or a category.

Every rule is written once for all four languages, over the concepts of the lexicon. Its
name says what it finds; the test suite holds examples of each in every language, and the
development set (devset/) measures them together. To add what the assistant missed, add the
words to a lexicon module or a rule here, then a test with the text that was missed.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TypedDict

from sanad.triage.matching import Match, Occurrence, Reading, match_of

# Matches kept per rule and text: the first ones are highlighted, the rest add nothing.
MAX_MATCHES = 5

# Danger signals (danger.py gives their urgency and wording).
SELF_HARM = "self_harm"
DANGER_NOW = "danger_now"
MEETING = "meeting"
SEXTORTION_DEADLINE = "sextortion_deadline"
CREDIBLE_THREAT = "credible_threat"
SEXTORTION = "sextortion"
THREAT = "threat"


def c(*concepts: str) -> frozenset[str]:
    return frozenset(concepts)


def step(*concepts: str, gap: int = 3) -> tuple[frozenset[str], int]:
    return frozenset(concepts), gap


@dataclass(frozen=True)
class Rule:
    name: str
    finds: str  # a danger signal code, or a category code (DOMAIN.md)
    steps: tuple[tuple[frozenset[str], int], ...] = ()  # a sequence within one clause...
    together: tuple[frozenset[str], ...] = ()  # ...or all of these within `window` words, any order
    window: int = 12
    negatable: bool = True  # a negation just before or inside turns it off
    figurative: bool = True  # laughter, an exam or a game in its sentence turns it off...
    distress_overrides: bool = False  # ...unless the text also shows distress (humour hiding intent)
    needs_distress: bool = False
    unless_before: tuple[tuple[frozenset[str], int], ...] = ()  # concepts this many words before turn it off
    not_at: frozenset[str] = frozenset()  # concepts inside the match, or just before it, turn it off
    hyperbole: bool = False  # a parent as the subject ("my mother will kill me") turns it off
    subject: str = ""  # "first": I do it to myself; "third": someone does it to me (French "me tuer")
    upgrade: tuple[frozenset[str], int, str] | None = None  # these concepts within n words make it this signal
    not_said_to_you: bool = False  # "you" as the subject ("if you feel suicidal...") turns it off

    def matches(self, reading: Reading) -> Iterator[tuple[str, Match]]:
        found = reading.sequences(self.steps) if self.steps else reading.together(self.together, self.window)
        kept = 0
        for match in found:
            if self._turned_off(reading, match):
                continue
            yield self._upgraded(reading, match)
            kept += 1
            if kept == MAX_MATCHES:  # enough to show; a long text of insults costs no more
                return

    def _turned_off(self, reading: Reading, match: Match) -> bool:
        head = match.occurrences[0]
        if self.negatable and reading.negated(head, match.last if self.steps else None):
            return True
        if self.needs_distress and not reading.has("DISTRESS"):
            return True
        if self.figurative and reading.joking(match) and not (self.distress_overrides and reading.has("DISTRESS")):
            return True
        if any(reading.before(concepts, match.first, reach) for concepts, reach in self.unless_before):
            return True
        if self.not_at and reading.near(self.not_at, match.first - 1, match.last):
            return True
        if self.not_said_to_you and reading.subject(match.first) == "second":
            return True
        if self.subject:
            who = reading.subject(match.first)
            if self.subject == "first" and who not in {"first", "none"}:
                return True
            if self.subject == "third" and who not in {"third", "parent"}:
                return True
        return (
            self.hyperbole
            and reading.before(c("PARENT"), match.first, 5)
            and not reading.in_sentence(c("WEAPON", "HIT_NOW"), match.first)
        )

    def _upgraded(self, reading: Reading, match: Match) -> tuple[str, Match]:
        if self.upgrade is None:
            return self.finds, match
        concepts, reach, stronger = self.upgrade
        context = reading.near(concepts, match.first - reach, match.last + reach)
        if not context:
            return self.finds, match
        closest: Occurrence = min(
            context, key=lambda item: min(abs(item.first - match.first), abs(item.first - match.last))
        )
        return stronger, match_of((*match.occurrences, closest))


# What joking or being told to do it looks like, before a phrase of self-harm.
TOLD = (c("TELL_TO"), 3)
IF = (c("CONDITION"), 4)
CREDIBLE = (c("WEAPON", "TIME", "PLACE", "SEE_YOU", "LURK"), 15, CREDIBLE_THREAT)
DEADLINE = (c("TIME"), 20, SEXTORTION_DEADLINE)


# Self-harm: humour does not hide it when the text also shows distress; "te"/"yourself"
# ("va te suicider", "kill yourself") and "told me to" make it someone else's words.
# Self-harm that is someone's past ("I used to want to die") is history, not danger now.
class Options(TypedDict, total=False):
    """Some of a Rule's options, to give several rules at once (`**SELF`)."""

    figurative: bool
    distress_overrides: bool
    unless_before: tuple[tuple[frozenset[str], int], ...]
    not_at: frozenset[str]
    not_said_to_you: bool


SELF: Options = {
    "figurative": True,
    "distress_overrides": True,
    "unless_before": (TOLD, (c("HISTORY"), 6)),
    "not_at": c("TE", "YOURSELF", "INCITE"),
    "not_said_to_you": True,
}

DANGER_RULES: tuple[Rule, ...] = (
    # --- self-harm and suicidal intent: active, passive, behaviour, reported ----------------
    Rule("suicide", SELF_HARM, steps=(step("SUICIDE"),), **SELF),
    Rule(
        "want to die",
        SELF_HARM,
        steps=(step("WANT", "PLAN", "THINK", "TRY"), step("DIE", "SUICIDE", "SUICIDE_TALK", "END", "DISAPPEAR")),
        **SELF,
    ),
    Rule("going to end it", SELF_HARM, steps=(step("GOING"), step("END", "SUICIDE", "SUICIDE_TALK")), **SELF),
    Rule(
        "going to die, in distress", SELF_HARM, steps=(step("GOING"), step("DIE", gap=2)), needs_distress=True, **SELF
    ),
    Rule(
        "no will to live",
        SELF_HARM,
        steps=(step("NEG"), step("WANT", "CAN", "REASON"), step("LIVE")),
        negatable=False,
        **SELF,
    ),
    Rule(
        "want to live no more",
        SELF_HARM,
        steps=(step("WANT", "CAN"), step("PLUS", "NEG", gap=1), step("LIVE", gap=2)),
        negatable=False,
        **SELF,
    ),
    Rule("passive wish", SELF_HARM, steps=(step("PASSIVE"),), **SELF),
    Rule("wish to be dead", SELF_HARM, steps=(step("WANT", "BETTER"), step("DEAD_ME", gap=4)), negatable=False, **SELF),
    Rule("a burden", SELF_HARM, steps=(step("BURDEN"),), **SELF),
    Rule("never wake up", SELF_HARM, steps=(step("NEVER_WAKE"),), negatable=False, **SELF),
    Rule(
        "sleep and not wake",
        SELF_HARM,
        steps=(step("SLEEP"), step("NEG", gap=2), step("WAKE", gap=1)),
        negatable=False,
        **SELF,
    ),
    Rule("kill myself", SELF_HARM, steps=(step("KILL", "HURT", "HANG"), step("SELF1", gap=1)), **SELF),
    # Someone else killing "himself" is also said of hard work: it needs wanting, going to or trying.
    Rule(
        "wants to kill herself",
        SELF_HARM,
        steps=(step("WANT", "GOING", "THINK", "TRY", "PLAN"), step("KILL", "HURT", "HANG"), step("SELF3", gap=1)),
        **SELF,
    ),
    Rule("hurts herself", SELF_HARM, steps=(step("HURT"), step("SELF3", gap=1)), **SELF),
    Rule("hurt one's body", SELF_HARM, steps=(step("HURT"), step("BODY_MINE", gap=1)), **SELF),
    Rule("a method", SELF_HARM, steps=(step("SELF_METHOD"),), **SELF),
    Rule(
        "pills or poison",
        SELF_HARM,
        together=(c("TAKE", "SWALLOW"), c("PILLS", "POISON"), c("QUANTITY", "SWALLOW", "POISON")),
        window=6,
        **SELF,
    ),
    Rule("je vais me tuer", SELF_HARM, steps=(step("ME"), step("LETHAL", "SELF_ONLY", gap=0)), subject="first", **SELF),
    Rule("il veut se tuer", SELF_HARM, steps=(step("SE"), step("LETHAL", "SELF_ONLY", gap=0)), subject="third", **SELF),
    # --- a child in physical danger now or at a set time ---------------------------------
    Rule("I am in danger", DANGER_NOW, steps=(step("IN_DANGER"),)),
    Rule("waiting outside", DANGER_NOW, steps=(step("LURK"),)),
    Rule("followed now", DANGER_NOW, together=(c("FOLLOW"), c("NOW", "HOME", "SCHOOL")), window=10),
    Rule("hit at home", DANGER_NOW, steps=(step("HIT_NOW"),), unless_before=((c("GOING"), 2),)),
    Rule("breaking in", DANGER_NOW, steps=(step("BREAK_IN"),)),
    Rule("calling for help", DANGER_NOW, steps=(step("HELP_NOW"),), negatable=False),
    Rule("locked in", DANGER_NOW, steps=(step("LOCKED"),)),
    Rule(
        "knows where I live",
        DANGER_NOW,
        together=(c("KNOWS_WHERE"), c("COMING", "THREATEN", "KILL_ME", "HURT_ME", "TIME")),
        window=20,
    ),
    # --- a planned meeting with an adult met online --------------------------------------
    # Games are where many such adults are met: a game in the sentence is no joke here.
    Rule("meeting an adult", MEETING, together=(c("MEET"), c("ADULT")), window=25, figurative=False),
    Rule(
        "a secret meeting",
        MEETING,
        together=(c("MEET"), c("ONLINE"), c("SECRET", "ALONE")),
        window=25,
        figurative=False,
    ),
    # --- sextortion: a threat to publish, with a deadline or not ------------------------
    Rule(
        "publish unless",
        SEXTORTION,
        together=(c("PUBLISH"), c("IMAGE", "INTIMATE"), c("THREATEN", "CONDITION", "DEMAND")),
        window=15,
        figurative=False,
        upgrade=DEADLINE,
    ),
    Rule(
        "send to family unless",
        SEXTORTION,
        together=(c("SEND"), c("AUDIENCE"), c("THREATEN", "CONDITION", "DEMAND")),
        window=15,
        figurative=False,
        upgrade=DEADLINE,
    ),
    Rule(
        "threat to publish",
        SEXTORTION,
        together=(c("THREATEN"), c("PUBLISH"), c("DEMAND", "CONDITION", "IMAGE")),
        window=12,
        figurative=False,
        upgrade=DEADLINE,
    ),
    Rule(
        "expose unless paid",
        SEXTORTION,
        together=(c("PUBLISH"), c("DEMAND"), c("CONDITION", "THREATEN")),
        window=12,
        figurative=False,
        upgrade=DEADLINE,
    ),
    Rule(
        "blackmail with images",
        SEXTORTION,
        together=(c("THREATEN"), c("IMAGE", "INTIMATE")),
        window=8,
        figurative=False,
        upgrade=DEADLINE,
    ),
    Rule(
        "intimate images demanded",
        SEXTORTION,
        together=(c("INTIMATE"), c("DEMAND", "THREATEN")),
        window=10,
        figurative=False,
        upgrade=DEADLINE,
    ),
    # --- threats of violence; with a time, a place or a weapon they are credible --------
    Rule("I will kill you", THREAT, steps=(step("KILL_YOU", "HURT_YOU"),), upgrade=CREDIBLE),
    Rule("je vais te tuer", THREAT, steps=(step("TE"), step("LETHAL", "HARM", gap=0)), upgrade=CREDIBLE),
    Rule(
        "il va me tuer",
        THREAT,
        steps=(step("ME"), step("LETHAL", "HARM", gap=0)),
        subject="third",
        hyperbole=True,
        upgrade=CREDIBLE,
    ),
    Rule(
        "going to kill me",
        THREAT,
        steps=(step("GOING", "WANT", "THREATEN", "PLAN"), step("KILL_ME", "HURT_ME")),
        hyperbole=True,
        upgrade=CREDIBLE,
    ),
    Rule(
        "weapon and a meeting",
        CREDIBLE_THREAT,
        together=(c("WEAPON"), c("SEE_YOU", "MEET", "LURK", "THREATEN", "BRING")),
        window=15,
    ),
    Rule("you'll pay for it", THREAT, steps=(step("THREAT_PHRASE"),), upgrade=CREDIBLE),
    Rule("go kill yourself", THREAT, steps=(step("INCITE"),), unless_before=(IF,)),
    Rule(
        "told to kill myself",
        THREAT,
        steps=(step("TELL_TO"), step("SUICIDE", "SUICIDE_TALK", "DIE", "KILL", "SELF_METHOD", gap=2)),
        negatable=False,
    ),
)

# Categories of DOMAIN.md found from words alone (signals add theirs: see danger.py).
CATEGORY_RULES: tuple[Rule, ...] = (
    Rule("insults", "harassment", steps=(step("INSULT", "HARASS"),), negatable=False, figurative=False),
    Rule("slurs", "hate_speech", steps=(step("SLUR"),), negatable=False, figurative=False),
    Rule(
        "sexual content", "sexual_exploitation", steps=(step("SEXUAL", "INTIMATE"),), negatable=False, figurative=False
    ),
    Rule("threatened", "threats", steps=(step("THREATEN"),), figurative=False),
    Rule(
        "details published",
        "personal_data",
        together=(c("PERSONAL_INFO"), c("PUBLISH", "SEND")),
        window=8,
        figurative=False,
    ),
    Rule("shocking content", "shocking_content", steps=(step("GORE"),), negatable=False, figurative=False),
    Rule("game items", "gaming_exploitation", steps=(step("GAME_ITEM"),), figurative=False),
    Rule(
        "scammed in a game",
        "gaming_exploitation",
        together=(c("GAME"), c("SCAM", "HACK", "DEMAND", "THREATEN")),
        window=12,
        figurative=False,
    ),
    Rule("account taken", "account_takeover", steps=(step("HACK", "FAKE_PROFILE"),), figurative=False),
    Rule("scam", "scam", steps=(step("SCAM"),), figurative=False),
)
