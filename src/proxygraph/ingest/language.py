"""The language a document is written in, detected offline from its text.

lingua-language-detector ships its n-gram models inside its PyPI wheel (nothing is
downloaded). It runs in low-accuracy mode (trigrams only: ~80 MB, ~1 ms per 100
characters) on a sample of the prose taken from the start, the middle and the end, so a
document that quotes another language goes by the language most of it is written in.
docs/languages.md compares it with py3langid and langdetect on the shared corpus.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

import yaml

if TYPE_CHECKING:
    from lingua import LanguageDetector

SAMPLE_CHARS = 1200  # enough for any detector on prose; the cost grows with the sample
MIN_LETTERS = 12  # below this no detector can tell: the caller's default stands
ENGLISH = "en"
# A capitalised word that does not open a sentence is taken for a name: in a short text
# names outweigh words ("France denied arming Kataib Hezbollah." was read as Polish).
NAME = re.compile(r"(?<![.!?:\n])(?<![.!?:]\s)(?<!^)\b\w*[A-ZÀ-ÞĀ-Ž][\w'’-]*")


@dataclass(frozen=True)
class DetectionRules:
    languages: tuple[str, ...]
    min_letters: int
    sure_letters: int
    margin: float
    function_words: dict[str, frozenset[str]]


@cache
def _rules() -> DetectionRules:
    path = resources.files("proxygraph.ingest").joinpath("data/detection.yaml")
    raw = yaml.safe_load(path.read_text("utf-8"))
    return DetectionRules(
        tuple(raw["languages"]),
        int(raw["min_letters"]),
        int(raw["sure_letters"]),
        float(raw["margin"]),
        {code: frozenset(words) for code, words in (raw.get("function_words") or {}).items()},
    )


@cache
def _detector() -> LanguageDetector:
    """Built once per process, like the spaCy pipeline (nlp/pipeline.py)."""
    from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

    languages = [
        Language.from_iso_code_639_1(getattr(IsoCode639_1, code.upper()))
        for code in _rules().languages
    ]
    return LanguageDetectorBuilder.from_languages(*languages).with_low_accuracy_mode().build()


def detect_language(text: str, spans: tuple[tuple[int, int], ...] | None = None) -> str | None:
    """ISO 639-1 code of the main language of ``text`` (its ``spans`` of prose when
    given), or None when the text is too short or too mixed to tell."""
    sample = language_sample(text, spans)
    letters = [c for c in sample if c.isalpha()]
    if len(letters) < MIN_LETTERS:
        return None
    if sum(c.isascii() or "À" <= c <= "ž" for c in letters) <= len(letters) / 2:
        return _code(_detector().detect_language_of(sample))  # a script that tells itself
    return _latin(NAME.sub(" ", sample))


def _latin(words: str) -> str | None:
    """A Latin-script text by its common words, English unless another is clearly ahead."""
    rules, count = _rules(), sum(c.isalpha() for c in words)
    if count < rules.min_letters:
        return None
    values = _detector().compute_language_confidence_values(words)
    best = _code(values[0].language)
    if count >= rules.sure_letters or best == ENGLISH:
        return best
    english = next((v.value for v in values if _code(v.language) == ENGLISH), 0.0)
    if values[0].value - english < rules.margin:
        return None
    return ENGLISH if _more_english(words, best, rules) else best


def _more_english(words: str, other: str | None, rules: DetectionRules) -> bool:
    """Whether a short text holds at least as many English function words as ``other``
    language's, and some (lists in data/detection.yaml)."""
    lists = rules.function_words
    if ENGLISH not in lists or other not in lists:
        return False
    tokens = re.findall(r"[^\W\d_]+", words.lower())
    english = sum(t in lists[ENGLISH] for t in tokens)
    others = sum(t in lists[other] for t in tokens)
    # one English word and none of the other language's ("declared three diplomats
    # persona non grata") is English too: the other language's trigrams came from a name
    # or a borrowed phrase
    return english >= 2 and english >= others or english >= 1 and others == 0


def _code(language: object) -> str | None:
    return language.iso_code_639_1.name.lower() if language is not None else None  # type: ignore[attr-defined]


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
