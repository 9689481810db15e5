"""The one error type a person can act on, raised by services and shown by views and the API."""

from typing import Any


class ApplicationError(Exception):
    """A refusal with a message in the user's language and machine-readable details."""

    def __init__(self, message: str, extra: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.extra = extra or {}

    @property
    def field(self) -> str | None:
        """The form or API field the message belongs to, when there is one."""
        field = self.extra.get("field")
        return str(field) if field else None
