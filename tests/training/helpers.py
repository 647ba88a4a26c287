"""GraphQL documents and helpers for the enrollment tests."""

from __future__ import annotations

from portal.graphql.relay import to_global_id

REQUEST = """mutation($input: RequestEnrollmentInput!) { requestEnrollment(input: $input) {
  __typename ... on RequestEnrollmentSuccess { enrollment { id status } }
  ... on RequestEnrollmentError { code field message } } }"""
DECIDE = """mutation($input: DecideEnrollmentInput!) { decideEnrollment(input: $input) {
  __typename ... on DecideEnrollmentSuccess {
    enrollment { id status history { fromStatus toStatus note actor { name } } }
  }
  ... on DecideEnrollmentError { code field message } } }"""
VERIFY = """mutation($input: DecideEnrollmentInput!) { verifyEnrollment(input: $input) {
  __typename ... on VerifyEnrollmentSuccess { enrollment { id status } }
  ... on VerifyEnrollmentError { code field message } } }"""
CANCEL = """mutation($input: CancelEnrollmentInput!) { cancelEnrollment(input: $input) {
  __typename ... on CancelEnrollmentSuccess { enrollment { id status } }
  ... on CancelEnrollmentError { code field message } } }"""
INBOX = (
    "{ approvalInbox { totalCount edges { node { id status reason employee { name } "
    "session { course { title } } } } } }"
)


def sid(session) -> str:
    return to_global_id("TrainingSession", session.id)


async def request(client, session, reason: str = "Menutup kesenjangan kompetensi") -> dict:
    data = await client.data(REQUEST, {"input": {"sessionId": sid(session), "reason": reason}})
    return data["requestEnrollment"]


async def decide(client, enrollment_id: str, decision: str = "APPROVE", note: str = "") -> dict:
    data = await client.data(
        DECIDE, {"input": {"enrollmentId": enrollment_id, "decision": decision, "note": note}}
    )
    return data["decideEnrollment"]
