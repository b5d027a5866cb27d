"""Security headers, the production settings check and the admin login lockout."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth.models import User

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[1]


def test_pages_send_a_strict_content_security_policy(client):
    response = client.get("/")
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_production_settings_pass_the_deploy_check():
    env = {
        **os.environ,
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "a-long-random-test-secret-key-that-is-not-used-anywhere-0123456789",
        "DJANGO_ALLOWED_HOSTS": "referater.example.dk",
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set for Playwright by tests/browser, never in deployment
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_refuses_to_start_without_a_secret_key():
    env = {**os.environ, "DJANGO_DEBUG": "0", "DJANGO_SECRET_KEY": ""}
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_repeated_failed_logins_lock_the_account_out(client, settings):
    settings.AXES_FAILURE_LIMIT = 3
    User.objects.create_superuser("klerk", password="rigtigt-kodeord-1")
    for _ in range(3):
        response = client.post("/admin/login/", {"username": "klerk", "password": "forkert"})
    assert response.status_code == 429
    # Even the right password is refused while the lockout lasts.
    response = client.post("/admin/login/", {"username": "klerk", "password": "rigtigt-kodeord-1"})
    assert response.status_code == 429


def test_a_successful_login_still_works(client):
    User.objects.create_superuser("klerk", password="rigtigt-kodeord-1")
    response = client.post(
        "/admin/login/?next=/admin/", {"username": "klerk", "password": "rigtigt-kodeord-1"}
    )
    assert response.status_code == 302 and response.url == "/admin/"
