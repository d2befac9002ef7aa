"""A finding: one conflict, caution or note about a plan, with what to change."""

from dataclasses import dataclass

SEVERITIES = ("conflict", "caution", "info")


@dataclass(frozen=True)
class Finding:
    """``code`` is stable (tests and saved files use it); ``field`` names the input to change."""

    code: str
    severity: str
    field: str
    message: str
    suggestion: str = ""

    def __post_init__(self):
        if self.severity not in SEVERITIES:
            raise ValueError(f"severity {self.severity!r} is not one of {', '.join(SEVERITIES)}")

    def to_dict(self) -> dict[str, str]:
        return {
            "code": self.code,
            "severity": self.severity,
            "field": self.field,
            "message": self.message,
            "suggestion": self.suggestion,
        }
