"""Issue #14: a change of the SKM settings (the weight 1/9, 0,111 or 0,11) made in the admin is in
the regency's activity trail with who, before and after; saving without a change writes
nothing; a refused value changes nothing; beta's trail never sees alpha's change."""

from __future__ import annotations

from django.urls import reverse

from activity.models import ActivityEntry
from surveys.models import SurveySettings
from tests.conftest import in_schema, staff_client


def _url(alpha) -> str:
    with in_schema(alpha):
        pk = SurveySettings.load().pk
    return reverse("wagtailsettings:edit", args=["surveys", "surveysettings", pk])


def test_weight_changes_are_in_the_trail(alpha, beta, pinned_clock):
    client = staff_client(alpha, "bobot@alpha.test", group="Admin MPP")
    url = _url(alpha)
    assert client.post(url, {"weight_mode": "0.11"}).status_code == 302
    assert client.post(url, {"weight_mode": "0.11"}).status_code == 302  # no change: no entry
    assert client.post(url, {"weight_mode": "exact"}).status_code == 302
    with in_schema(alpha):
        assert SurveySettings.load().weight_mode == "exact"
        entries = list(ActivityEntry.objects.filter(verb="skm.settings.edit").order_by("id"))
        assert [(e.before, e.after) for e in entries] == [
            ({"weight_mode": "exact"}, {"weight_mode": "0.11"}),
            ({"weight_mode": "0.11"}, {"weight_mode": "exact"}),
        ]
        assert {e.actor_label for e in entries} == {"bobot@alpha.test"}
    with in_schema(beta):
        assert not ActivityEntry.objects.filter(verb="skm.settings.edit").exists()
        assert SurveySettings.load().weight_mode == "exact"


def test_a_refused_weight_changes_nothing(alpha, pinned_clock):
    client = staff_client(alpha, "bobot2@alpha.test", group="Admin MPP")
    response = client.post(_url(alpha), {"weight_mode": "0.5"})
    assert response.status_code == 200  # the form again, with its error
    with in_schema(alpha):
        assert SurveySettings.load().weight_mode == "exact"
        assert not ActivityEntry.objects.filter(verb="skm.settings.edit").exists()
