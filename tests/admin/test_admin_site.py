"""The admin is named after the archive, speaks Danish at /admin/ and English at /en/admin/, and its
login page has a heading and announces a wrong password; the site has a favicon."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import User

pytestmark = pytest.mark.django_db


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def test_the_login_page_has_a_heading_and_a_danish_site_name(client):
    page = soup(client.get("/admin/login/"))
    assert page.find("h1").get_text(strip=True) == "Log ind"
    assert "Referatarkivet – administration" in page.find(id="site-name").get_text()
    assert "Django" not in page.find(id="site-name").get_text()
    assert page.find("title").get_text().strip().endswith("Referatarkivet – administration")
    assert page.find("html")["lang"] == "da"


def test_a_wrong_password_is_announced(client):
    User.objects.create_user("sekretaer", password="rigtigt-kodeord-42", is_staff=True)
    response = client.post("/admin/login/", {"username": "sekretaer", "password": "forkert"})
    alert = soup(response).find(attrs={"role": "alert"})
    assert alert is not None
    assert "korrekt" in alert.get_text()  # Django's Danish "Indtast venligst korrekt brugernavn ..."


def test_the_english_admin_is_under_en(client):
    page = soup(client.get("/en/admin/login/"))
    assert page.find("html")["lang"] == "en"
    assert page.find("h1").get_text(strip=True) == "Log in"
    assert page.find("input", attrs={"type": "submit"})["value"] == "Log in"
    # The Danish admin keeps its address.
    assert soup(client.get("/admin/login/")).find("input", attrs={"type": "submit"})["value"] == "Log ind"


def test_the_admin_index_is_named_after_the_archive_in_both_languages(client):
    client.force_login(User.objects.create_superuser("admin", "a@example.org", "kodeord-42-lang"))
    danish = soup(client.get("/admin/"))
    assert danish.find(id="site-name").get_text(strip=True) == "Referatarkivet – administration"
    english = soup(client.get("/en/admin/"))
    assert english.find(id="site-name").get_text(strip=True) == "Referatarkivet – administration"
    assert english.find("html")["lang"] == "en"


def test_favicon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].endswith("/img/favicon.svg")
    page = soup(client.get("/tilgaengelighed/"))
    assert page.find("link", rel="icon")["href"].endswith("img/favicon.svg")


def test_an_unknown_page_is_still_the_danish_404_page(client):
    response = client.get("/tilgaengelighed/ingen/")
    assert response.status_code == 404
    assert soup(response).find("html")["lang"] == "da"


@pytest.mark.parametrize(
    "path", ["/tilgaengelighed/", "/en/tilgaengelighed/", "/admin/login/", "/en/admin/login/"]
)
def test_one_name_everywhere(client, path):
    html = client.get(path).content.decode()
    assert "Referatarkivet" in html
    assert "Minutes Archive" not in html and "Mødearkivet" not in html and "Django administration" not in html
