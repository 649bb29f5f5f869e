"""Helpers for SKM tests: answer sheets written straight through the actions."""

from __future__ import annotations

from datetime import date

from catalogue.models import Service
from surveys.actions import Answers, responses_import


def sheet(service: Service, scores: list[int], *, on: date, suggestion: str = "") -> Answers:
    return Answers(
        service=service,
        answered_on=on,
        scores={f"U{i + 1}": v for i, v in enumerate(scores)},
        gender="P",
        age=30,
        education="s1",
        occupation="swasta",
        suggestion=suggestion,
    )


WORKED = [
    [4, 4, 4, 4, 4, 4, 4, 4, 4],
    [3, 3, 3, 3, 3, 3, 3, 3, 3],
    [4, 3, 2, 4, 3, 4, 3, 2, 4],
    [3, 4, 3, 4, 4, 3, 4, 3, 3],
]


def worked_example(service: Service, *, on: date) -> int:
    """The four sheets of test_index.py (IKM × 25 = 85,42 with 1/9)."""
    return responses_import(actor=None, sheets=[sheet(service, s, on=on) for s in WORKED])
