"""Competency standards and assessments through GraphQL."""

from __future__ import annotations

from portal.competencies.models import Assessment
from portal.graphql.relay import to_global_id
from portal.notifications.models import Notification
from portal.people.changes import today
from tests.factories import BUDI_NIP, DEWI_NIP, SITI_NIP, make_world

CREATE = """
mutation($input: CreateCompetencyInput!) {
  createCompetency(input: $input) {
    __typename
    ... on CompetencySuccess {
      competency { id code group unit { code } levels { level indicators } }
    }
    ... on CreateCompetencyError { code field }
  }
}
"""
REQUIRE = """
mutation($input: SetPositionRequirementsInput!) {
  setPositionRequirements(input: $input) {
    __typename
    ... on PositionRequirementsSuccess { position { requirements { level competency { code } } } }
    ... on SetPositionRequirementsError { code field }
  }
}
"""
RECORD = """
mutation($input: RecordAssessmentInput!) {
  recordAssessment(input: $input) {
    __typename
    ... on RecordAssessmentSuccess {
      assessment { level source competency { code } }
      employee { competencyProfile { requirementsMet jobPersonMatch } }
    }
    ... on RecordAssessmentError { code field }
  }
}
"""
RECORD_MANY = """
mutation($input: RecordAssessmentsInput!) {
  recordAssessments(input: $input) {
    __typename
    ... on RecordAssessmentsSuccess { count employees { nip } }
    ... on RecordAssessmentsError { code field message }
  }
}
"""
DICTIONARY = """
query($filter: CompetencyFilter) {
  competencies(first: 50, filter: $filter) { totalCount edges { node { code } } }
}
"""


def _gid(kind: str, pk: int) -> str:
    return str(to_global_id(kind, pk))


async def test_create_competency_and_require_it(client):
    w = await make_world()
    await client.login(DEWI_NIP)
    levels = [
        {"level": lv, "description": f"Level {lv}", "indicators": [f"Perilaku {lv}"]}
        for lv in range(1, 6)
    ]
    data = await client.data(
        CREATE,
        {
            "input": {
                "code": "T.KES.02",
                "name": "Manajemen Rumah Sakit",
                "group": "TEKNIS",
                "unitId": _gid("OrgUnit", w.dinkes.id),
                "levels": levels,
            }
        },
    )
    competency = data["createCompetency"]["competency"]
    assert competency["unit"]["code"] == w.dinkes.code
    assert len(competency["levels"]) == 5
    bad = await client.data(
        CREATE,
        {
            "input": {
                "code": "T.X",
                "name": "X",
                "group": "TEKNIS",
                "levels": [*levels, {"level": 7, "description": "?"}],
            }
        },
    )
    assert bad["createCompetency"] == {
        "__typename": "CreateCompetencyError",
        "code": "INVALID_LEVEL",
        "field": "levels[5].level",
    }
    required = await client.data(
        REQUIRE,
        {
            "input": {
                "positionId": _gid("Position", w.siti_pos.id),
                "requirements": [
                    {"competencyId": competency["id"], "level": 2},
                    {"competencyId": _gid("Competency", w.asuhan.id), "level": 3},
                ],
            }
        },
    )
    reqs = required["setPositionRequirements"]["position"]["requirements"]
    assert sorted((r["competency"]["code"], r["level"]) for r in reqs) == [
        ("T.KES.01", 3),
        ("T.KES.02", 2),
    ]
    by_group = await client.data(DICTIONARY, {"filter": {"group": "TEKNIS"}})
    assert by_group["competencies"]["totalCount"] == 2
    await client.login(SITI_NIP)
    assert (await client.data(DICTIONARY))["competencies"]["totalCount"] == 4
    body = await client.gql(CREATE, {"input": {"code": "Z", "name": "Z", "group": "TEKNIS"}})
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"


async def test_recording_an_assessment_updates_gap_and_tells_siti(client):
    w = await make_world()
    await client.login(DEWI_NIP)
    item = {
        "nip": SITI_NIP,
        "competencyId": _gid("Competency", w.asuhan.id),
        "level": 3,
        "assessedOn": today().isoformat(),
        "source": "ASSESSMENT_CENTER",
    }
    data = await client.data(RECORD, {"input": item})
    result = data["recordAssessment"]
    assert result["assessment"] == {
        "level": 3,
        "source": "ASSESSMENT_CENTER",
        "competency": {"code": "T.KES.01"},
    }
    assert result["employee"]["competencyProfile"] == {
        "requirementsMet": 2,
        "jobPersonMatch": 66.67,
    }
    assert await Notification.filter(recipient_id=w.siti.id, kind="assessment.recorded").exists()
    twice = await client.data(RECORD, {"input": item})
    assert twice["recordAssessment"]["code"] == "DUPLICATE_ASSESSMENT"
    await client.login(BUDI_NIP)
    body = await client.gql(RECORD, {"input": item | {"level": 4}})
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"


async def test_bulk_assessments_name_the_bad_item_and_write_nothing(client):
    w = await make_world()
    await client.login(DEWI_NIP)
    day = today().isoformat()
    items = [
        {
            "nip": SITI_NIP,
            "competencyId": _gid("Competency", w.asuhan.id),
            "level": 3,
            "assessedOn": day,
            "source": "SUPERVISOR",
        },
        {
            "nip": BUDI_NIP,
            "competencyId": _gid("Competency", w.integritas.id),
            "level": 4,
            "assessedOn": day,
            "source": "SUPERVISOR",
        },
        {
            "nip": w.colleague.nip,
            "competencyId": _gid("Competency", w.asuhan.id),
            "level": 2,
            "assessedOn": day,
            "source": "SELF",
        },
        {
            "nip": w.stranger.nip,
            "competencyId": _gid("Competency", w.asuhan.id),
            "level": 6,
            "assessedOn": day,
            "source": "SELF",
        },
    ]
    before = await Assessment.all().count()
    bad = (await client.data(RECORD_MANY, {"input": {"items": items}}))["recordAssessments"]
    assert (bad["code"], bad["field"]) == ("INVALID_LEVEL", "items[3].level")
    assert await Assessment.all().count() == before
    good = (await client.data(RECORD_MANY, {"input": {"items": items[:3]}}))["recordAssessments"]
    assert good["count"] == 3
    assert {e["nip"] for e in good["employees"]} == {SITI_NIP, BUDI_NIP, w.colleague.nip}
