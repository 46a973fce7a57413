"""Guidance per harm, and the advice shown after a report is sent."""

from dataclasses import dataclass

from django.conf import settings
from django.utils.functional import Promise

from sanad.intake.models import Category
from sanad.lib import helplines
from sanad.reference.wording import advice as _  # translated as usual; the centre may reword any line

KEEP_EVIDENCE = [
    _("Take screenshots that show the messages, the date and the name or number of the sender."),
    _("Copy the links to the profiles and posts (the address at the top of the page, or “share” then “copy link”)."),
    _("Do not delete the conversation or the account: it may be needed to stop the person."),
    _("Never send intimate photos or videos, not even to us: describe them in words instead."),
]

# The intimate images rule (docs/portal.md): the centre never asks for, and does not want, an
# intimate image of anyone, least of all a child's. What proves the harm is the messages, the
# threats and the profile; removal is done by a hash made on the child's own phone.
INTIMATE_IMAGES_RULE = [
    _("Do not send them to us or to anyone, even blurred or cropped: sending them again can put you at risk."),
    _(
        "Send screenshots of the messages, the threats and the profile instead, and describe the photos in words: "
        "that is enough for us to act."
    ),
]
INTIMATE_IMAGES_REMOVAL = _(
    "To have them removed from the platforms without showing them to anyone, use Take It Down: it makes a "
    "fingerprint of each photo on your own phone, and the photo never leaves it."
)


# What a page that shows the rule needs in its context.
INTIMATE_IMAGES = {"intimate_images_rule": INTIMATE_IMAGES_RULE, "intimate_images_removal": INTIMATE_IMAGES_REMOVAL}


def concerns_intimate_images(*, categories: set[str], danger: set[str]) -> bool:
    """Whether the reporter must read the intimate images rule in full before adding files."""
    return Category.SEXUAL_EXPLOITATION in categories or "sextortion_deadline" in danger


def help_lines_for(danger: set[str]) -> list[helplines.HelpLine]:
    """The help lines to show, a listening line first for a child who thinks about self-harm."""
    if "self_harm" in danger:
        return helplines.for_self_harm(settings.SANAD_HELP_LINES)
    return list(settings.SANAD_HELP_LINES)


@dataclass(frozen=True)
class Guide:
    category: str
    title: Promise
    what: Promise
    do_now: list[Promise]


GUIDES = [
    Guide(
        Category.HARASSMENT,
        _("Cyberharassment"),
        _(
            "Being insulted, mocked, threatened or left out again and again, online or by phone. Rumours, humiliating photos and fake accounts made to make fun of someone are harassment too. It is never your fault."
        ),
        [
            _("Do not answer the person: it often makes things worse."),
            _("Block them and report the account to the app."),
            _("Talk to an adult you trust: a parent, a teacher, a counsellor."),
            _("Report it here: we can ask the platform to remove the content and help your school act."),
        ],
    ),
    Guide(
        Category.SEXUAL_EXPLOITATION,
        _("Intimate images and sextortion"),
        _(
            "Someone asks you for intimate photos or videos, threatens to share them, or has shared them. An adult who flirts with a child online, or asks for secrecy, is doing something serious and illegal. You are the victim, not the guilty one."
        ),
        [
            _("Do not pay and do not send anything more: paying never stops the demands."),
            _("Stop answering, but do not delete the conversation."),
            _("Never send the photos again, not even to us: screenshots of the messages are enough."),
            _("Report it here now: we can help get images removed and alert the police."),
            _("If you feel unsafe or think about hurting yourself, call the emergency numbers at the top of the page."),
        ],
    ),
    Guide(
        Category.HATE_SPEECH,
        _("Hate speech"),
        _("Messages or posts that attack people because of their origin, religion, language, gender or disability."),
        [
            _("Do not share the content, even to denounce it."),
            _("Report the post to the app and block the account."),
            _("Report it here with the link: we can ask for it to be removed."),
        ],
    ),
    Guide(
        Category.PERSONAL_DATA,
        _("Your personal information shared"),
        _("Your address, phone number, school, or photos of you posted without your permission (“doxxing”)."),
        [
            _("Make your accounts private and check who can see your posts."),
            _("Ask the app to remove the post; report it here if it stays online."),
            _("If your address was shared and you feel unsafe, tell an adult and call the police."),
        ],
    ),
    Guide(
        Category.SHOCKING_CONTENT,
        _("Shocking content"),
        _("Violent, sexual or dangerous content (such as “challenges”) that you saw or that was sent to you."),
        [
            _("Close it and talk to someone about how you feel: it is normal to be upset."),
            _("Never try a dangerous challenge."),
            _("Report the link here so it can be removed."),
        ],
    ),
    Guide(
        Category.GAMING_EXPLOITATION,
        _("Problems in online games"),
        _(
            "Players who ask for items, money or codes, pressure you, ask for photos, or want to talk somewhere private."
        ),
        [
            _("Never give your password, codes or payment details."),
            _("Do not move the conversation to another app with someone you met in a game."),
            _("Block and report the player, then report it here with their player name."),
        ],
    ),
    Guide(
        Category.THREATS,
        _("Threats"),
        _("Someone threatens to hurt you or someone close to you, or pushes you to hurt yourself."),
        [
            _("If you are in danger now, call the emergency numbers at the top of the page."),
            _("Tell an adult you trust today."),
            _("Keep the messages and report them here."),
        ],
    ),
    Guide(
        Category.ACCOUNT_TAKEOVER,
        _("Hacked account or fake profile"),
        _("Someone took your account, or made a profile with your name or photos."),
        [
            _("Change your passwords and turn on two-step verification."),
            _("Use the app's “hacked account” or “impersonation” form."),
            _("Warn your friends that messages from the old account are not from you."),
        ],
    ),
    Guide(
        Category.SCAM,
        _("Scams"),
        _("Fake prizes, offers, jobs or messages that ask for money, codes or passwords."),
        [
            _("Never share a code you received by SMS."),
            _("Do not pay anything to receive a prize."),
            _("Report the number or the link here."),
        ],
    ),
]
BY_CATEGORY = {guide.category: guide for guide in GUIDES}


def advice_after_report(*, categories: set[str], danger: set[str]) -> list[Promise]:
    """What to do now, for the answers this report gave: the most urgent first."""
    advice: list[Promise] = []
    if "self_harm" in danger:
        advice.append(
            _(
                "You said you are thinking about hurting yourself. Please talk to someone now: the listening line "
                "below, an adult you trust, or the emergency numbers. You matter, and this can get better."
            )
        )
    if "danger_now" in danger:
        advice.append(
            _(
                "You said someone is in danger: if that is still true, call the police now (the numbers are at the top of the page)."
            )
        )
    if "sextortion_deadline" in danger or Category.SEXUAL_EXPLOITATION in categories:
        advice += [
            _("Do not pay and do not send anything more: paying never stops the demands."),
            _("Do not delete the conversation, and stop answering."),
            _("We can help get the images removed from the platforms."),
        ]
    if categories & {Category.HARASSMENT, Category.HATE_SPEECH, Category.THREATS}:
        advice.append(_("Block the person and report the account to the app, after taking screenshots."))
    if Category.ACCOUNT_TAKEOVER in categories:
        advice.append(_("Change your passwords and turn on two-step verification."))
    advice.append(_("Talk to an adult you trust. You did the right thing by reporting."))
    return advice
