"""The environment readers refuse bad values loudly instead of starting with a surprise."""

from datetime import timedelta

import pytest
from django.core.exceptions import ImproperlyConfigured

from sanad.lib import env


@pytest.mark.parametrize(("text", "value"), [("true", True), ("YES", True), ("1", True), ("off", False), ("0", False)])
def test_env_bool_reads_the_usual_spellings(monkeypatch, text, value):
    monkeypatch.setenv("SANAD_TEST_FLAG", text)
    assert env.env_bool("SANAD_TEST_FLAG", not value) is value


@pytest.mark.parametrize("text", ["maybe", "2", "truee", "y es"])
def test_env_bool_refuses_anything_else(monkeypatch, text):
    monkeypatch.setenv("SANAD_TEST_FLAG", text)
    with pytest.raises(ImproperlyConfigured, match="SANAD_TEST_FLAG"):
        env.env_bool("SANAD_TEST_FLAG", False)


@pytest.mark.parametrize("text", ["", "   "])
def test_an_empty_variable_means_the_default(monkeypatch, text):
    monkeypatch.setenv("SANAD_TEST_FLAG", text)
    assert env.env_bool("SANAD_TEST_FLAG", True) is True
    assert env.env_int("SANAD_TEST_FLAG", 7) == 7
    assert env.env_str("SANAD_TEST_FLAG", "default") == "default"


def test_env_int_reads_a_whole_number(monkeypatch):
    monkeypatch.setenv("SANAD_TEST_NUMBER", " 90 ")
    assert env.env_int("SANAD_TEST_NUMBER", 1, minimum=60) == 90


@pytest.mark.parametrize("text", ["x", "1.5", "10s", "0x10"])
def test_env_int_refuses_what_is_not_a_whole_number(monkeypatch, text):
    monkeypatch.setenv("SANAD_TEST_NUMBER", text)
    with pytest.raises(ImproperlyConfigured, match="whole number"):
        env.env_int("SANAD_TEST_NUMBER", 1)


@pytest.mark.parametrize("text", ["59", "-1"])
def test_env_int_refuses_a_number_below_the_minimum(monkeypatch, text):
    monkeypatch.setenv("SANAD_TEST_NUMBER", text)
    with pytest.raises(ImproperlyConfigured, match="at least 60"):
        env.env_int("SANAD_TEST_NUMBER", 600, minimum=60)


def test_env_list_drops_empty_items(monkeypatch):
    monkeypatch.setenv("SANAD_TEST_LIST", " a@x.org, ,b@x.org,")
    assert env.env_list("SANAD_TEST_LIST", []) == ["a@x.org", "b@x.org"]


def test_env_secret_reads_the_variable_or_the_file(monkeypatch, tmp_path):
    monkeypatch.setenv("SANAD_TEST_SECRET", "from-variable")
    assert env.env_secret("SANAD_TEST_SECRET") == "from-variable"
    monkeypatch.delenv("SANAD_TEST_SECRET")
    secret_file = tmp_path / "secret"
    secret_file.write_text("from-file\n")
    monkeypatch.setenv("SANAD_TEST_SECRET_FILE", str(secret_file))
    assert env.env_secret("SANAD_TEST_SECRET") == "from-file"


def test_env_secret_refuses_both_the_variable_and_the_file(monkeypatch, tmp_path):
    secret_file = tmp_path / "secret"
    secret_file.write_text("from-file")
    monkeypatch.setenv("SANAD_TEST_SECRET", "from-variable")
    monkeypatch.setenv("SANAD_TEST_SECRET_FILE", str(secret_file))
    with pytest.raises(ImproperlyConfigured, match="not both"):
        env.env_secret("SANAD_TEST_SECRET")


def test_env_secret_refuses_an_unreadable_file(monkeypatch, tmp_path):
    monkeypatch.setenv("SANAD_TEST_SECRET_FILE", str(tmp_path / "missing"))
    with pytest.raises(ImproperlyConfigured, match="cannot read"):
        env.env_secret("SANAD_TEST_SECRET")


@pytest.mark.parametrize(
    ("text", "value"), [("90m", timedelta(minutes=90)), ("24h", timedelta(hours=24)), ("7D", timedelta(days=7))]
)
def test_parse_duration(text, value):
    assert env.parse_duration(text, name="SANAD_TEST_DURATION") == value


@pytest.mark.parametrize("text", ["5x", "0h", "", "h", "-1h", "1.5h", "24", "h24"])
def test_parse_duration_refuses_what_is_not_a_duration(text):
    with pytest.raises(ImproperlyConfigured, match="SANAD_TEST_DURATION"):
        env.parse_duration(text, name="SANAD_TEST_DURATION")


def test_env_mapping_reads_key_value_pairs(monkeypatch):
    monkeypatch.setenv("SANAD_TEST_MAP", "P0:1h, P1 : 24h")
    assert env.env_mapping("SANAD_TEST_MAP", "") == {"P0": "1h", "P1": "24h"}


@pytest.mark.parametrize("text", ["P0", "P0:", ":1h", "P0:1h,,P1:2h"])
def test_env_mapping_refuses_an_item_that_is_not_key_value(monkeypatch, text):
    monkeypatch.setenv("SANAD_TEST_MAP", text)
    with pytest.raises(ImproperlyConfigured, match="KEY:VALUE"):
        env.env_mapping("SANAD_TEST_MAP", "")


def test_database_from_url_reads_postgres_and_sqlite():
    postgres = env.database_from_url("postgres://sanad:p%40ss@db.internal:5433/sanad_prod", name="DB")
    assert postgres == {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "sanad_prod",
        "USER": "sanad",
        "PASSWORD": "p@ss",
        "HOST": "db.internal",
        "PORT": "5433",
    }
    assert env.database_from_url("sqlite:////var/lib/sanad/db.sqlite3", name="DB") == {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": "/var/lib/sanad/db.sqlite3",
    }


@pytest.mark.parametrize("url", ["mysql://user@host/db", "postgre://host/db", "sanad.sqlite3", "sqlite://"])
def test_database_from_url_refuses_an_unsupported_url(url):
    with pytest.raises(ImproperlyConfigured, match="SANAD_DATABASE_URL"):
        env.database_from_url(url, name="SANAD_DATABASE_URL")


def test_decode_key_reads_32_bytes_of_unpadded_base64():
    assert env.decode_key("A" * 43, name="KEY") == bytes(32)


@pytest.mark.parametrize("text", ["A" * 42, "A" * 44 + "AAAA", "", "c2hvcnQ"])
def test_decode_key_refuses_a_key_of_the_wrong_length(text):
    with pytest.raises(ImproperlyConfigured, match="32 bytes"):
        env.decode_key(text, name="KEY")


@pytest.mark.parametrize("text", ["A" * 45, "!" * 43])
def test_decode_key_refuses_what_is_not_base64(text):
    with pytest.raises(ImproperlyConfigured, match="KEY"):
        env.decode_key(text, name="KEY")


def test_every_variable_read_is_remembered(monkeypatch):
    env.env_str("SANAD_TEST_REMEMBERED", "x")
    assert "SANAD_TEST_REMEMBERED" in env.READ
