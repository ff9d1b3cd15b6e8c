"""The one text normalisation used for name lookup and search keys.

``fold("Pejë")`` and ``fold("PEJE")`` give ``"peje"``; ``fold("Peć")`` gives
``"pec"``: Unicode compatibility form, diacritics removed, case folded,
typographic quotes and dashes made plain, whitespace collapsed.
"""

from __future__ import annotations

import re
import unicodedata

_PLAIN = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-"})
_SPACE = re.compile(r"\s+")


def fold(text: str) -> str:
    if text.isascii():  # nothing to decompose, strip or make plain: the same result, faster
        return _SPACE.sub(" ", text).strip().casefold()
    text = unicodedata.normalize("NFKD", text.translate(_PLAIN))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return _SPACE.sub(" ", text).strip().casefold()
