"""Who may call: one entry per caller, bound to one project."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Credential:
    """What one caller may present: an IAM token, an AK/SK pair, or both, bound to one project."""

    project_id: str
    token: str | None = None
    ak: str | None = None
    sk: str | None = None

    def __post_init__(self) -> None:
        if not self.project_id:
            raise ValueError("a credential needs a project_id")
        for name in ("project_id", "token", "ak", "sk"):
            value = getattr(self, name)
            if value is not None and not (isinstance(value, str) and value):
                raise ValueError(
                    f"credential for project {self.project_id}: {name} must be a non-empty string"
                )
        if (self.ak is None) != (self.sk is None):
            raise ValueError(f"credential for project {self.project_id}: ak and sk go together")
        if self.token is None and self.ak is None:
            raise ValueError(f"credential for project {self.project_id} has neither a token nor an AK/SK")
