"""Days as pages name them: `?day=2030-03-17`."""

from datetime import date


def day_from(value: str | None, days: list[date]) -> date | None:
    """The day a query string names, when it is one of `days`; None for anything else (never an error)."""
    try:
        day = date.fromisoformat(value or "")
    except ValueError:
        return None
    return day if day in days else None
