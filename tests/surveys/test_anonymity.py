"""Issue 14, docs/adr/0026: a response holds the regulation's profile and nothing that identifies
a person (no NIK, no name, no phone, no address, no IP, no user agent), and no key to the link it
came through: a link names its ticket or complaint, and those hold a phone number or a reporter's
name. A link holds its token's hash and the day it was used, not the time."""

from __future__ import annotations

from surveys.models import SurveyLink, SurveyResponse

PROFILE = {"gender", "age", "education", "occupation", "service", "answered_on"}
ANSWERS = {f"u{i}" for i in range(1, 10)}
BOOKKEEPING = {
    "id",
    "agency",
    "location",
    "channel",
    "suggestion",
    "suggestion_status",
    "created_at",
}


def test_a_response_holds_the_profile_answers_and_nothing_else():
    fields = {f.name for f in SurveyResponse._meta.concrete_fields}
    assert fields == PROFILE | ANSWERS | BOOKKEEPING


def test_a_link_holds_a_hash_and_the_day_it_was_used():
    fields = {f.name for f in SurveyLink._meta.concrete_fields}
    assert fields == {"id", "token_hash", "service", "source", "source_id", "created_at", "used_on"}
    assert SurveyLink._meta.get_field("used_on").get_internal_type() == "DateField"
    assert not [f for f in SurveyLink._meta.related_objects if f.related_model is SurveyResponse]
