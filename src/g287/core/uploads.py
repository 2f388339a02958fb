"""The name an uploaded file is kept under: as the sender gave it, minus what cannot be stored or shown.
PostgreSQL refuses a NUL in text (a name sent as "a&#0;b.pdf" was a 500 there), control characters break
the lines of a listing, and a path separator is not part of a name."""

import re

_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f]")
MAX_NAME = 200


def clean_file_name(name: str | None, default: str = "file") -> str:
    cleaned = _UNPRINTABLE.sub("", (name or "").replace("/", "_").replace("\\", "_")).strip()
    return cleaned[:MAX_NAME] or default
