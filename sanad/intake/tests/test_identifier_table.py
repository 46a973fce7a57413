"""Real-shaped identifiers, as children and parents type them: what each normalises to, which
ones meet (same digest, or same name on another platform), and what a platform receives.

All synthetic: made-up accounts, post ids, numbers and payment references (the IBAN and RIB
below are built with valid check digits, not anyone's account).
"""

import pytest

from sanad.intake.identifiers import normalise, parse_lines, rib_is_valid
from sanad.intake.models import Identifier

H, U, P, E = Identifier.Kind.HANDLE, Identifier.Kind.URL, Identifier.Kind.PHONE, Identifier.Kind.EMAIL
PAY, PLAYER = Identifier.Kind.PAYMENT, Identifier.Kind.PLAYER_ID

# (typed, the platform the reporter ticked if only one, kind, platform, service, normalised value)
TABLE = [
    # YouTube: a video keeps its id, whatever the link's shape.
    ("youtube.com/watch?v=AbC123xyz", "", U, "youtube", "", "https://www.youtube.com/watch?v=AbC123xyz"),
    (
        "https://www.youtube.com/watch?v=AbC123xyz&t=42s&si=trk",
        "",
        U,
        "youtube",
        "",
        "https://www.youtube.com/watch?v=AbC123xyz",
    ),
    ("https://youtu.be/AbC123xyz?si=trk", "", U, "youtube", "", "https://www.youtube.com/watch?v=AbC123xyz"),
    ("https://m.youtube.com/shorts/AbC123xyz", "", U, "youtube", "", "https://www.youtube.com/watch?v=AbC123xyz"),
    ("https://www.youtube.com/live/LiVe9876", "", U, "youtube", "", "https://www.youtube.com/watch?v=LiVe9876"),
    ("https://www.youtube.com/@Demo.Channel", "", H, "youtube", "", "demo.channel"),
    ("https://www.youtube.com/channel/UCdemo0123456789", "", H, "youtube", "", "channel/UCdemo0123456789"),
    (
        "https://www.youtube.com/playlist?list=PLdemo42",
        "",
        U,
        "youtube",
        "",
        "https://www.youtube.com/playlist?list=PLdemo42",
    ),
    # Facebook: numeric profiles are accounts; posts, photos and videos keep what identifies them.
    ("https://www.facebook.com/profile.php?id=100012345678901", "", H, "facebook", "", "id:100012345678901"),
    ("https://m.facebook.com/profile.php?id=100012345678901&mibextid=abc", "", H, "facebook", "", "id:100012345678901"),
    ("https://www.facebook.com/people/Demo-Name/100012345678901/", "", H, "facebook", "", "id:100012345678901"),
    ("https://www.facebook.com/demo.page/", "", H, "facebook", "", "demo.page"),
    ("fb.com/Demo.Page", "", H, "facebook", "", "demo.page"),
    (
        "https://www.facebook.com/photo/?fbid=9876543210&set=a.1",
        "",
        U,
        "facebook",
        "",
        "https://www.facebook.com/photo/?fbid=9876543210",
    ),
    (
        "https://www.facebook.com/permalink.php?story_fbid=555&id=100012345678901&ref=share",
        "",
        U,
        "facebook",
        "",
        "https://www.facebook.com/permalink.php?id=100012345678901&story_fbid=555",
    ),
    (
        "https://www.facebook.com/groups/123/posts/456/?mibextid=abc#c",
        "",
        U,
        "facebook",
        "",
        "https://www.facebook.com/groups/123/posts/456",
    ),
    ("https://fb.watch/dEmO123/", "", U, "facebook", "", "https://fb.watch/dEmO123/"),
    ("https://m.me/demo.page", "", H, "facebook", "", "demo.page"),
    # Instagram.
    ("https://www.instagram.com/Sara.K/?igsh=xyz", "", H, "instagram", "", "sara.k"),
    ("instagram.com/sara.k", "", H, "instagram", "", "sara.k"),
    ("https://www.instagram.com/p/CdEmO123/?igsh=abc", "", U, "instagram", "", "https://www.instagram.com/p/CdEmO123/"),
    ("https://www.instagram.com/reels/CdEmO456/", "", U, "instagram", "", "https://www.instagram.com/reel/CdEmO456/"),
    (
        "https://instagram.com/stories/sara.k/3141592653/",
        "",
        U,
        "instagram",
        "",
        "https://www.instagram.com/stories/sara.k/3141592653/",
    ),
    # TikTok.
    ("https://www.tiktok.com/@Bully.42", "", H, "tiktok", "", "bully.42"),
    (
        "https://www.tiktok.com/@bully.42/video/7301234567890123456?is_from_webapp=1",
        "",
        U,
        "tiktok",
        "",
        "https://www.tiktok.com/@bully.42/video/7301234567890123456",
    ),
    ("https://vm.tiktok.com/ZMdemo123/", "", U, "tiktok", "", "https://vm.tiktok.com/ZMdemo123/"),
    # Snapchat.
    ("https://www.snapchat.com/add/demo_snap", "", H, "snapchat", "", "demo_snap"),
    ("snap: Demo_Snap", "", H, "snapchat", "", "demo_snap"),
    # X / Twitter: a post is its number, whatever the host or the name in the link.
    (
        "https://twitter.com/demo_acc/status/1700000000000000001?s=20",
        "",
        U,
        "x",
        "",
        "https://x.com/i/status/1700000000000000001",
    ),
    (
        "https://x.com/other_name/status/1700000000000000001",
        "",
        U,
        "x",
        "",
        "https://x.com/i/status/1700000000000000001",
    ),
    ("https://mobile.twitter.com/Demo_Acc", "", H, "x", "", "demo_acc"),
    # Telegram.
    ("https://t.me/demo_channel", "", H, "telegram", "", "demo_channel"),
    ("t.me/demo_channel/1234", "", U, "telegram", "", "https://t.me/demo_channel/1234"),
    ("https://t.me/+AbCdEfInvite", "", U, "telegram", "", "https://t.me/+AbCdEfInvite"),
    ("https://t.me/joinchat/AbCdEfInvite", "", U, "telegram", "", "https://t.me/+AbCdEfInvite"),
    # WhatsApp: a wa.me link is the phone number.
    ("https://wa.me/212612345678", "", P, "", "", "+212612345678"),
    ("https://api.whatsapp.com/send?phone=212612345678&text=hi", "", P, "", "", "+212612345678"),
    ("https://chat.whatsapp.com/InViTeCoDe123", "", U, "whatsapp", "", "https://chat.whatsapp.com/InViTeCoDe123"),
    # Discord.
    ("https://discord.gg/demoInvite", "", U, "discord", "", "https://discord.gg/demoInvite"),
    ("https://discord.com/invite/demoInvite", "", U, "discord", "", "https://discord.gg/demoInvite"),
    ("https://discord.com/users/123456789012345678", "", H, "discord", "", "id:123456789012345678"),
    ("demo_gamer#1234", "discord", H, "discord", "", "demo_gamer#1234"),
    # Games: player ids.
    ("https://www.roblox.com/users/1234567/profile", "", PLAYER, "game", "roblox", "1234567"),
    ("Free Fire ID: 1234567890", "", PLAYER, "game", "freefire", "1234567890"),
    ("ff 2345678901", "", PLAYER, "game", "freefire", "2345678901"),
    ("PUBG 5123 4567 89", "", PLAYER, "game", "pubg", "5123456789"),
    ("roblox: Demo_Player", "", PLAYER, "game", "roblox", "demo_player"),
    ("1234567890", "game", PLAYER, "game", "game", "1234567890"),
    # Phones: every way of writing one Moroccan mobile number.
    ("06 12 34 56 78", "", P, "", "", "+212612345678"),
    ("0612345678", "whatsapp", P, "", "", "+212612345678"),
    ("+212 6-12.34.56.78", "", P, "", "", "+212612345678"),
    ("00212612345678", "", P, "", "", "+212612345678"),
    ("٠٦١٢٣٤٥٦٧٨", "", P, "", "", "+212612345678"),
    ("+33 6 12 34 56 78", "", P, "", "", "+33612345678"),
    # E-mail.
    ("Bully.Account@Example.ORG", "", E, "", "", "bully.account@example.org"),
    # Payment references: the shapes sextortion and game scams use.
    ("RIB (replaced below)", "", PAY, "", "rib", "(replaced below)"),
    ("IBAN (replaced below)", "", PAY, "", "iban", "(replaced below)"),
    ("MTCN 123-456-7890", "", PAY, "", "mtcn", "1234567890"),
    ("Western Union: 1234567890", "", PAY, "", "mtcn", "1234567890"),
    ("carte cadeau google play: ABCD-EFGH-IJKL-MNOP", "", PAY, "", "giftcard", "ABCDEFGHIJKLMNOP"),
    ("USDT TDemoQ9xR4tPmW2nZk7YhB3vJcL8sF6gHe", "", PAY, "", "usdt", "TDemoQ9xR4tPmW2nZk7YhB3vJcL8sF6gHe"),
    ("wallet: TDemoQ9xR4tPmW2nZk7YhB3vJcL8sF6gHe", "", PAY, "", "usdt", "TDemoQ9xR4tPmW2nZk7YhB3vJcL8sF6gHe"),
    ("0x52908400098527886E0F7030069857D2E4169EE7", "", PAY, "", "eth", "0x52908400098527886e0f7030069857d2e4169ee7"),
    ("bc1qdemo0w508d6qejxtdg4y5r3zarvary0c5xw7k", "", PAY, "", "btc", "bc1qdemo0w508d6qejxtdg4y5r3zarvary0c5xw7k"),
    # Handles: case, @, full-width and lookalike letters fold to one name.
    ("@Sara.K", "instagram", H, "instagram", "", "sara.k"),
    ("ｓａｒａ.k", "instagram", H, "instagram", "", "sara.k"),
    ("@ѕаrа.k", "instagram", H, "instagram", "", "sara.k"),  # Cyrillic ѕ, а
    ("insta: @Sara.K", "", H, "instagram", "", "sara.k"),
    ("انستا: sara.k", "", H, "instagram", "", "sara.k"),
    ("@sara.k\u200f", "instagram", H, "instagram", "", "sara.k"),  # an invisible right-to-left mark
    ("@sara\u202e.k", "instagram", H, "instagram", "", "sara.k"),  # a right-to-left override
    # Other links keep the query that may identify the page, lose tracking and fragments.
    ("http://example.org/profile.php?id=42#top", "", U, "", "", "https://example.org/profile.php?id=42"),
    ("example.org/page?utm_source=x&ref=y&item=7", "", U, "", "", "https://example.org/page?item=7"),
]


def _valid_rib() -> str:
    body = "0117800000123456789012"
    return body + f"{97 - (int(body) * 100) % 97:02d}"


def _valid_iban() -> str:
    rib = _valid_rib()
    check = 98 - int(rib + "221000") % 97  # "MA" is 22 10, then "00" for the check digits
    return f"MA{check:02d}{rib}"


# The RIB and IBAN rows use numbers with real check digits.
TABLE = [
    (f"RIB {_valid_rib()[:3]} {_valid_rib()[3:]}", *row[1:5], _valid_rib()) if row[4] == "rib" else row for row in TABLE
]
TABLE = [(f"IBAN {_valid_iban()}", *row[1:5], _valid_iban()) if row[4] == "iban" else row for row in TABLE]


def test_the_table_is_large_enough():
    assert len(TABLE) >= 60


@pytest.mark.parametrize(("typed", "ticked", "kind", "platform", "service", "value"), TABLE, ids=[r[0] for r in TABLE])
def test_what_each_identifier_normalises_to(typed, ticked, kind, platform, service, value):
    found = normalise(typed, platform=ticked)
    assert found is not None
    assert (found.kind, found.platform, found.service, found.value) == (kind, platform, service, value)


# Groups of lines that must meet: the same digest (the same thing in the same place).
SAME = [
    ["youtube.com/watch?v=AbC123xyz", "https://youtu.be/AbC123xyz", "https://www.youtube.com/shorts/AbC123xyz"],
    ["https://www.facebook.com/profile.php?id=100012345678901", "https://www.facebook.com/people/X/100012345678901"],
    ["https://wa.me/212612345678", "06 12 34 56 78", "+212612345678", "٠٦١٢٣٤٥٦٧٨"],
    ["https://twitter.com/a/status/1700000000000000001", "https://x.com/b/status/1700000000000000001"],
    ["instagram.com/sara.k", "insta: @Sara.K", "https://www.instagram.com/SARA.K/?igsh=1"],
    ["https://discord.gg/demoInvite", "https://discord.com/invite/demoInvite"],
    ["Free Fire ID: 1234567890", "ff 1234567890"],
    ["MTCN 123-456-7890", "Western Union 1234567890"],
]


@pytest.mark.parametrize("group", SAME, ids=[g[0] for g in SAME])
def test_the_same_thing_typed_differently_has_one_digest(group):
    assert len({normalise(line).digest for line in group}) == 1


def test_facebook_profiles_by_number_are_not_one_username():
    """Every profile.php link became the handle `profile.php`: unrelated reports looked related."""
    one = normalise("https://www.facebook.com/profile.php?id=100012345678901")
    other = normalise("https://www.facebook.com/profile.php?id=100099999999999")
    assert one.digest != other.digest and one.loose_digest != other.loose_digest


def test_a_username_with_two_platforms_ticked_still_meets_it_on_instagram():
    [unsure] = parse_lines("@sara.k", platforms=["instagram", "tiktok"])
    on_instagram = normalise("@sara.k", platform="instagram")
    assert unsure.platform == ""
    assert unsure.digest != on_instagram.digest  # not claimed to be the same account...
    assert unsure.loose_digest == on_instagram.loose_digest  # ...but found as the same name


def test_full_width_and_lookalike_names_meet_the_plain_one():
    plain = normalise("sara", platform="instagram")
    assert normalise("ｓａｒａ", platform="instagram").digest == plain.digest
    assert normalise("ѕаrа", platform="instagram").digest == plain.digest


def test_different_things_stay_apart():
    assert normalise("@sara.k", platform="instagram").digest != normalise("@sara.k", platform="tiktok").digest
    assert normalise("Free Fire ID 1234567890").digest != normalise("PUBG 1234567890").digest
    assert normalise("youtube.com/watch?v=AbC123xyz").digest != normalise("youtube.com/watch?v=Other42").digest


def test_what_the_reporter_typed_is_kept_for_the_platform():
    typed = "https://www.youtube.com/watch?v=AbC123xyz&t=42s"
    found = normalise(f"  {typed} ")
    assert found.typed == typed
    row = found.row_of(report=None)  # type: ignore[arg-type]
    assert row.as_typed == typed and row.value == "https://www.youtube.com/watch?v=AbC123xyz"


def test_a_rib_is_recognised_only_with_its_key():
    assert rib_is_valid(_valid_rib())
    assert not rib_is_valid(_valid_rib()[:-2] + "00")
