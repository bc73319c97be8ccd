"""The text patterns fields must match, each with the words a message uses for it."""

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Pattern:
    """A text pattern a field must match, with the words a message uses for it."""

    regex: str
    hint: str

    def matches(self, value: str) -> bool:
        return re.fullmatch(self.regex, value) is not None  # `$` alone would let "slug\n" through


SLUG = Pattern(
    r"^[a-z0-9]+(?:-[a-z0-9]+)*$",
    "a slug: lowercase letters, digits and single hyphens, e.g. outer-space-treaty",
)
COUNTRY = Pattern(
    r"^(?:[A-Z]{2}|[A-Z]{4})$",
    "a country code in capitals, such as US or NO (ISO 3166-1 alpha-2)",
)
PARTY = Pattern(
    r"^(?:[A-Z]{2}|[A-Z]{4}|[a-z0-9]+(?:-[a-z0-9]+)*)$",
    "a country code such as US (ISO 3166-1 alpha-2) or an agency slug such as esa",
)
ENTRY = Pattern(
    r"^(?:treaties|programs|agencies|concepts|sources|countries)/[a-zA-Z0-9-]+$",
    "a typed link such as treaties/outer-space-treaty",
)
# Invisible characters that can disguise an address: bidirectional controls, zero-width characters, soft hyphen.
_INVISIBLE = "\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff"
# The host in ASCII (another script's name in its xn-- form, so that a look-alike shows), with no
# user@ before it (https://nasa.gov@evil.example goes to evil.example), then an optional port and path.
URL = Pattern(
    rf"^https?://[A-Za-z0-9.-]+(?::[0-9]{{1,5}})?(?:[/?#][^\s<>\"'`(){{}}\[\]|\\^{_INVISIBLE}]*)?$",
    "a web address starting with https://, its host name in ASCII (xn-- form for other scripts), "
    "with no user@ and no invisible characters",
)
SEED_FILE = Pattern(r"^[A-Za-z0-9_.-]+\.txt$", "a source document file name such as 000_5585a1ccaa02c860.txt")
SYMBOL = Pattern(r"^[A-Z][A-Za-z0-9./() -]*$", "a UN document symbol such as A/AC.105/C.2/2025/CRP.3")
PATTERNS = {p.regex: p for p in (SLUG, COUNTRY, PARTY, ENTRY, URL, SEED_FILE, SYMBOL)}

# Slugs that name an index page of a folder: an entry or former slug may not take them.
RESERVED_SLUGS = frozenset({"index"})


def pattern_hint(regex: str) -> str:
    pattern = PATTERNS.get(regex)
    return pattern.hint if pattern else f"text matching {regex}"
