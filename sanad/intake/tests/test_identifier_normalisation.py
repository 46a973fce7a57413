"""The same account, phone or post typed in different ways gives the same identifier and digest."""

import pytest

from sanad.intake.identifiers import normalise, parse_lines
from sanad.intake.models import Identifier


@pytest.mark.parametrize(
    "typed", ["@Sara.K", "sara.k", "  @sara.k  ", "instagram.com/sara.k/", "https://www.instagram.com/Sara.K/?igsh=xyz"]
)
def test_an_instagram_account_is_one_handle_however_it_is_written(typed):
    found = normalise(typed, platform="instagram")
    assert (found.kind, found.platform, found.value) == (Identifier.Kind.HANDLE, "instagram", "sara.k")
    assert found.digest == normalise("@Sara.K", platform="instagram").digest


def test_a_handle_digest_depends_on_the_platform():
    assert normalise("@sara.k", platform="instagram").digest != normalise("@sara.k", platform="tiktok").digest
    assert normalise("@sara.k", platform="instagram").digest != normalise("@sara.k").digest


def test_a_profile_link_names_its_own_platform_whatever_was_chosen():
    found = normalise("https://www.tiktok.com/@bully.42", platform="instagram")
    assert (found.kind, found.platform, found.value) == (Identifier.Kind.HANDLE, "tiktok", "bully.42")
    assert normalise("tiktok.com/@bully.42").digest == found.digest


@pytest.mark.parametrize(
    "typed", ["06 12 34 56 78", "0612345678", "+212612345678", "00212612345678", "+212 6-12.34.56.78"]
)
def test_a_moroccan_phone_is_one_number_however_it_is_written(typed):
    found = normalise(typed)
    assert (found.kind, found.value) == (Identifier.Kind.PHONE, "+212612345678")
    assert found.digest == normalise("+212612345678").digest


def test_local_numbers_follow_the_configured_country(settings):
    settings.SANAD_PHONE_REGION = "TN"
    assert normalise("22 123 456").value == "+21622123456"


def test_a_phone_digest_ignores_the_chosen_platform():
    assert normalise("0612345678", platform="whatsapp").digest == normalise("0612345678").digest


def test_tracking_parameters_and_fragments_are_dropped_from_platform_links():
    shared = normalise("https://www.facebook.com/groups/123/posts/456/?mibextid=abc&fbclid=XYZ#comments")
    plain = normalise("https://facebook.com/groups/123/posts/456")
    assert shared.kind == Identifier.Kind.URL
    assert shared.value == plain.value == "https://www.facebook.com/groups/123/posts/456"
    assert shared.digest == plain.digest


def test_other_links_keep_their_query_which_may_identify_the_page():
    found = normalise("http://example.org/profile.php?id=42#top")
    assert (found.kind, found.value) == (Identifier.Kind.URL, "https://example.org/profile.php?id=42")
    assert found.digest != normalise("http://example.org/profile.php?id=43").digest


def test_an_email_address_is_lower_cased():
    found = normalise("Bully.Account@Example.ORG")
    assert (found.kind, found.value) == (Identifier.Kind.EMAIL, "bully.account@example.org")


@pytest.mark.parametrize("typed", ["", "   ", "@", " @ "])
def test_nothing_is_not_an_identifier(typed):
    assert normalise(typed) is None


def test_parse_lines_gives_a_bare_username_the_only_chosen_platform_and_drops_repeats():
    found = parse_lines("@Sara.K\n\nsara.k\ninstagram.com/sara.k\n06 12 34 56 78\n", platforms=["instagram"])
    assert [(i.kind, i.platform, i.value) for i in found] == [
        (Identifier.Kind.HANDLE, "instagram", "sara.k"),
        (Identifier.Kind.PHONE, "", "+212612345678"),
    ]


def test_parse_lines_leaves_a_bare_username_without_platform_when_several_were_chosen():
    [found] = parse_lines("@sara.k", platforms=["instagram", "tiktok"])
    assert found.platform == ""
