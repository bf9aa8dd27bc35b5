"""Zip packages (.docx, .xlsx) that repeat byte for byte: the libraries date every member with
the time of writing; we date them with the report's own timestamp."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

#: 1980-01-01, the earliest time a zip file can hold.
ZIP_EPOCH = 315532800


def fixed_zip(data: bytes, timestamp: int) -> bytes:
    """The same zip package with every member dated `timestamp` (UTC), in the same order:
    python-docx and openpyxl date each member with the time of writing."""
    moment = dt.datetime.fromtimestamp(max(timestamp, ZIP_EPOCH), dt.timezone.utc)
    date_time = moment.timetuple()[:6]
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            member = zipfile.ZipInfo(info.filename, date_time=date_time)
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = 0o644 << 16
            target.writestr(member, source.read(info.filename))
    return out.getvalue()
