"""The moments a session file records (`started_at`, `updated_at`, a rescue copy's time): written
as local time with its offset, read back as a moment that compares with any other."""

from __future__ import annotations

import datetime as dt


def moment(stamp: str) -> dt.datetime | None:
    """The moment `stamp` names, with its offset (UTC when it has none, `Z` read as UTC); None
    for text that is no moment (a hand edit)."""
    try:
        when = dt.datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    except (ValueError, AttributeError):
        return None
    return when if when.tzinfo else when.replace(tzinfo=dt.timezone.utc)
