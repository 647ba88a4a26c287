"""Production refuses to start unsafe; a bad setting stops the start-up with a clear message."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from portal.settings import load_settings

GOOD_SECRET = "k" * 48
PRODUCTION = {"env": "production", "secret_key": GOOD_SECRET}


def test_development_starts_with_the_defaults():
    settings = load_settings(env="development")
    assert not settings.is_production
    assert settings.secret_key.get_secret_value() == "dev-secret-key"


def test_production_starts_with_a_real_secret_and_no_dev_sign_in():
    settings = load_settings(**PRODUCTION, dev_login=False)
    assert settings.is_production


@pytest.mark.parametrize(
    "secret",
    ["", "dev-secret-key", "change-me", "CHANGEME", "secret", "short-but-random-31-chars-xxxx"],
)
def test_production_refuses_a_missing_placeholder_or_short_secret(secret):
    with pytest.raises(ValueError, match="PORTAL_SECRET_KEY must be set"):
        load_settings(env="production", secret_key=secret)


def test_production_refuses_the_development_sign_in():
    with pytest.raises(ValueError, match="PORTAL_DEV_LOGIN cannot be enabled in production"):
        load_settings(**PRODUCTION, dev_login=True)


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"oidc_client_secret": "change-me"}, "PORTAL_OIDC_CLIENT_SECRET must be set"),
        ({"oidc_issuer": "http://sso.example.go.id"}, "must be an https:// URL"),
        ({"oidc_client_id": ""}, "PORTAL_OIDC_CLIENT_ID is required"),
        ({"oidc_scopes": "profile email"}, "must include openid"),
    ],
)
def test_production_refuses_an_unsafe_sso_configuration(overrides, message):
    sso = {
        "oidc_issuer": "https://sso.example.go.id/realms/asn",
        "oidc_client_id": "portal-asn",
        "oidc_client_secret": "s" * 40,
    }
    load_settings(**PRODUCTION, **sso)  # the safe one starts
    with pytest.raises(ValueError, match=message):
        load_settings(**PRODUCTION, **(sso | overrides))


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"PORTAL_ENV": "production"}, "PORTAL_SECRET_KEY must be set"),
        (
            {"PORTAL_ENV": "production", "PORTAL_SECRET_KEY": GOOD_SECRET, "PORTAL_DEV_LOGIN": "1"},
            "PORTAL_DEV_LOGIN cannot be enabled in production",
        ),
        ({"PORTAL_SKP_PREDIKAT_MATRIX": "{}"}, "PORTAL_SKP_PREDIKAT_MATRIX"),
    ],
)
def test_the_command_line_exits_with_the_reason_and_no_traceback(env, message, tmp_path):
    clean = {k: v for k, v in os.environ.items() if not k.startswith("PORTAL_")}
    done = subprocess.run(
        [sys.executable, "-m", "portal.cli", "serve", "--port", "9"],
        env=clean | env | {"PORTAL_DATABASE_URL": f"sqlite://{tmp_path}/never.sqlite3"},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2, done.stderr
    assert f"portal: {message}" in done.stderr
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "never.sqlite3").exists()
