"""The language a document is written in, detected offline from its text.

lingua-language-detector ships its n-gram models inside its PyPI wheel (nothing is
downloaded). It runs in low-accuracy mode (trigrams only: ~80 MB, ~1 ms per 100
characters) on a sample of the prose taken from the start, the middle and the end, so a
document that quotes another language goes by the language most of it is written in.
docs/languages.md compares it with py3langid and langdetect on the shared corpus.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lingua import LanguageDetector

SAMPLE_CHARS = 1200  # enough for any detector on prose; the cost grows with the sample
MIN_LETTERS = 12  # below this no detector can tell: the caller's default stands


@cache
def _detector() -> LanguageDetector:
    """Built once per process, like the spaCy pipeline (nlp/pipeline.py)."""
    from lingua import LanguageDetectorBuilder

    return LanguageDetectorBuilder.from_all_languages().with_low_accuracy_mode().build()


def detect_language(text: str, spans: tuple[tuple[int, int], ...] | None = None) -> str | None:
    """ISO 639-1 code of the main language of ``text`` (its ``spans`` of prose when
    given), or None when the text is too short or too mixed to tell."""
    sample = language_sample(text, spans)
    if sum(c.isalpha() for c in sample) < MIN_LETTERS:
        return None
    found = _detector().detect_language_of(sample)
    return found.iso_code_639_1.name.lower() if found is not None else None


def language_sample(
    text: str, spans: tuple[tuple[int, int], ...] | None = None, size: int = SAMPLE_CHARS
) -> str:
    """At most ``size`` characters of prose: the whole of a short text, else three
    windows (start, middle, end) cut at spaces, so no single quotation decides."""
    prose = "\n".join(text[s:e] for s, e in spans) if spans else text
    if len(prose) <= size:
        return prose
    third = size // 3
    middle = len(prose) // 2 - third // 2
    windows = (prose[:third], prose[middle : middle + third], prose[-third:])
    return "\n".join(_whole_words(w) for w in windows)


def _whole_words(window: str) -> str:
    """The window without the broken words at its two ends."""
    first, last = window.find(" "), window.rfind(" ")
    return window[first + 1 : last] if 0 <= first < last else window
