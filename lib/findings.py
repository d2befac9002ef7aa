"""A finding: one conflict, caution or note about a plan, with what to change."""

from dataclasses import dataclass
from typing import Any

SEVERITIES = ("conflict", "caution", "info")


@dataclass(frozen=True)
class Finding:
    """``code`` is stable (tests and saved files use it); ``field`` names the input to change.

    ``fix``, when there is one, is the change the suggestion describes, as (field, value)
    pairs a plan can take (``dataclasses.replace(plan, **dict(finding.fix))``).
    """

    code: str
    severity: str
    field: str
    message: str
    suggestion: str = ""
    fix: tuple[tuple[str, Any], ...] = ()
    fix_label: str = ""

    def __post_init__(self):
        if self.severity not in SEVERITIES:
            raise ValueError(f"severity {self.severity!r} is not one of {', '.join(SEVERITIES)}")

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "severity": self.severity,
            "field": self.field,
            "message": self.message,
            "suggestion": self.suggestion,
            "fix": dict(self.fix),
            "fix_label": self.fix_label,
        }
