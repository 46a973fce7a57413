import pytest

pytestmark = [pytest.mark.django_db, pytest.mark.smoke]


@pytest.mark.parametrize("language", ["ar", "fr", "en"])
def test_home_page_shows_emergency_numbers_and_quick_exit(client, language):
    response = client.get(f"/{language}/")
    assert response.status_code == 200
    body = response.content.decode()
    assert 'href="tel:19"' in body
    assert "data-quick-exit" in body
    assert f'lang="{language}"' in body
