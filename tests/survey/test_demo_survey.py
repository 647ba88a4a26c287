"""The demo survey: services of the four service units, plausible answers, the follow-up story."""

from __future__ import annotations

import datetime as dt

from portal.demo.seed import generate
from portal.demo.survey import seed_survey
from portal.survey.access import SurveyScope
from portal.survey.followup import impact_windows
from portal.survey.models import FollowUpAction, FollowUpStatus, SurveyResponse, SurveyService
from portal.survey.results import GroupBy, survey_results, window_counts

TODAY = dt.date(2026, 6, 15)


async def test_demo_survey_tells_the_follow_up_story(db):
    await generate(employees=120, seed=7, today=TODAY)
    line = await seed_survey(seed=1, today=TODAY)
    assert line.startswith("Survey demo data loaded: 6 services")
    units = {s.code: s.unit.short_name for s in await SurveyService.all().prefetch_related("unit")}
    assert units["capil-ktp-el"] == "Disdukcapil"
    assert units["dpmptsp-nib"] == "DPMPTSP"
    assert units["rsu-rawat-jalan"] == "RSU Tangsel"
    assert units["pkm-imunisasi"].startswith("Puskesmas")
    responses = await SurveyResponse.all().count()
    assert 300 <= responses <= 1500
    results = await survey_results(
        scope=SurveyScope(True), start=TODAY - dt.timedelta(days=200), end=TODAY,
        group_by=GroupBy.SERVICE,
    )  # fmt: skip
    grades = {g.label: g.counts.result.grade for g in results.groups if g.counts.result}
    assert set(grades.values()) <= {"A", "B", "C"}
    done = await FollowUpAction.get(status=FollowUpStatus.DONE)
    before, after = impact_windows(done)
    assert after is not None
    counts = await window_counts([before, after])
    nrr = [c.result.elements[2].nrr for c in counts]  # U3, the element the action aimed at
    assert nrr[1] > nrr[0]
    # Idempotent: a second run writes nothing.
    assert (await seed_survey(seed=1, today=TODAY)).startswith("Survey demo data not loaded")
    assert await SurveyResponse.all().count() == responses
