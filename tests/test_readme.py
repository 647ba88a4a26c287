"""The README stays true: every setting is documented, and .ci/run calls its test command."""

from __future__ import annotations

from pathlib import Path

from portal.settings import Settings

ROOT = Path(__file__).resolve().parent.parent


def test_every_setting_is_documented_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = [
        f"PORTAL_{name.upper()}"
        for name in Settings.model_fields
        if f"`PORTAL_{name.upper()}`" not in readme
    ]
    assert not missing, f"document these settings in README.md: {missing}"


def test_every_setting_has_a_description():
    assert not [name for name, f in Settings.model_fields.items() if not f.description]


def test_ci_runs_the_readme_test_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "make test" in readme
    assert "make test" in ci
