"""Receipt numbers: 80 random bits in Crockford's base-32 (no I, L, O or U, so nothing is misread),
grouped for reading aloud: G287-XXXX-XXXX-XXXX-XXXX. Unguessable, so the status check needs nothing
else to identify the person asking."""

import re
import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
GROUPS, GROUP_LEN = 4, 4
PREFIX = "G287"
_CONFUSABLE = str.maketrans({"O": "0", "I": "1", "L": "1"})


def new_receipt() -> str:
    chars = "".join(secrets.choice(ALPHABET) for _ in range(GROUPS * GROUP_LEN))
    groups = [chars[i : i + GROUP_LEN] for i in range(0, len(chars), GROUP_LEN)]
    return "-".join([PREFIX, *groups])


def normalize(text: str) -> str | None:
    """The canonical receipt for what a person typed (any case, spaces or dashes, O for 0), or None."""
    cleaned = re.sub(r"[\s\-]", "", text.upper()).translate(_CONFUSABLE)
    if cleaned.startswith(PREFIX):
        cleaned = cleaned[len(PREFIX) :]
    if len(cleaned) != GROUPS * GROUP_LEN or any(c not in ALPHABET for c in cleaned):
        return None
    groups = [cleaned[i : i + GROUP_LEN] for i in range(0, len(cleaned), GROUP_LEN)]
    return "-".join([PREFIX, *groups])
