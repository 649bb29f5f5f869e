"""A service standard as the portable document writes it, turned into the model's field values
(used by the import and by the comparison of two documents). Schema: tenant.
"""

from __future__ import annotations

from typing import Any

from catalogue.portable.upsert import as_date


def standard_data(standard: dict[str, Any]) -> dict[str, Any]:
    time_ = standard["completion_time"]
    fee = standard["fee"]
    return {
        "requirements": standard["requirements"],
        "procedure": standard["procedure"],
        "completion_time_value": time_["value"],
        "completion_time_unit": time_["unit"],
        "completion_time_note": time_.get("note", ""),
        "fee_is_free": fee["is_free"],
        "fee_amount": fee.get("amount"),
        "fee_note": fee.get("note", ""),
        "tariff_basis": fee.get("tariff_basis", ""),
        "product": standard["product"],
        "complaint_handling": standard["complaint_handling"],
        "legal_basis": standard.get("legal_basis", []),
        "facilities": standard.get("facilities", ""),
        "staff_competence": standard.get("staff_competence", ""),
        "internal_supervision": standard.get("internal_supervision", ""),
        "staff_count": standard.get("staff_count", ""),
        "service_guarantee": standard.get("service_guarantee", ""),
        "safety_guarantee": standard.get("safety_guarantee", ""),
        "performance_evaluation": standard.get("performance_evaluation", ""),
        "decree_number": standard.get("decree_number", ""),
        "decree_date": as_date(standard.get("decree_date")),
        "review_date": as_date(standard.get("review_date")),
    }
