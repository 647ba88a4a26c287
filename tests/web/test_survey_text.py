"""The survey page shows the standard questionnaire's wording, the same as the server's copy."""

from __future__ import annotations

import re
from pathlib import Path

from portal.survey.elements import ELEMENTS

I18N = Path(__file__).resolve().parents[2] / "web" / "js" / "i18n.js"


def _dictionaries() -> tuple[dict[str, str], dict[str, str]]:
    text = I18N.read_text(encoding="utf-8")
    split = text.index("const en = {")
    entry = re.compile(r'^\s*"([\w.]+)": "(.*)",$', re.MULTILINE)
    return dict(entry.findall(text[:split])), dict(entry.findall(text[split:]))


def test_indonesian_questions_and_answers_match_the_standard():
    indonesian, _ = _dictionaries()
    for element in ELEMENTS:
        assert indonesian[f"surveyQ.{element.code}"] == element.question
        assert indonesian[f"surveyA.{element.code}"].split("|") == list(element.options)


def test_english_has_four_answers_for_every_question():
    _, english = _dictionaries()
    for element in ELEMENTS:
        assert english[f"surveyQ.{element.code}"]
        assert len(english[f"surveyA.{element.code}"].split("|")) == 4
