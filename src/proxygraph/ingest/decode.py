"""Bytes to text: BOMs, UTF-8, UTF-16 without BOM, then a guess for legacy encodings."""

from __future__ import annotations

import codecs

# Share of control characters above which a file is binary, not text with a few stray bytes.
MAX_CONTROL_SHARE = 0.05
# Share of NUL bytes in one byte lane that marks BOM-less UTF-16 (ASCII text has one NUL
# per character in the high byte).
UTF16_NUL_LANE_SHARE = 0.4
# Bytes sniffed for the binary and UTF-16 checks; enough for a verdict, cheap on big files.
SNIFF_BYTES = 65_536
# Fewer bytes than this say nothing of UTF-16: four bytes of UTF-8 with a NUL can fall in
# one lane by chance.
MIN_UTF16_SNIFF = 16
# Legacy encodings by how common they are on the web, to break ties between equal guesses.
COMMON_ENCODINGS = ("cp1252", "latin_1", "iso8859_15", "cp1251", "koi8_r", "cp1256", "cp1250")
# Guesses whose chaos and coherence differ by less than this are equally good.
TIE = 0.01

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_ALLOWED_CONTROLS = frozenset("\t\n\r\f\v")


class DecodeError(Exception):
    """Why bytes are not text: ``binary`` or ``undecodable``, with a short reason."""

    def __init__(self, kind: str, reason: str) -> None:
        super().__init__(reason)
        self.kind = kind
        self.reason = reason


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Return (text, encoding) or raise DecodeError. The BOM is not part of the text."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _strict(data[len(bom) :], encoding), encoding
    lane = _utf16_lane(data[:SNIFF_BYTES])
    if lane:
        return _strict(data, lane), lane
    if b"\x00" in data[:SNIFF_BYTES]:
        raise DecodeError("binary", "NUL bytes")
    try:
        return _checked(data.decode("utf-8")), "utf-8"
    except UnicodeDecodeError:
        pass
    return _guess(data)


def _strict(data: bytes, encoding: str) -> str:
    try:
        return _checked(data.decode(encoding))
    except UnicodeDecodeError as err:
        raise DecodeError("undecodable", f"invalid {encoding} at byte {err.start}") from None


def _checked(text: str) -> str:
    """Reject text that decoded but is mostly control characters (a binary in disguise)."""
    sample = text[:SNIFF_BYTES]
    controls = sum(1 for c in sample if (c < " " and c not in _ALLOWED_CONTROLS) or c == "\x7f")
    if sample and controls / len(sample) > MAX_CONTROL_SHARE:
        raise DecodeError("binary", "mostly control characters")
    return text


def _utf16_lane(sample: bytes) -> str | None:
    """Spot BOM-less UTF-16 by NULs falling in one byte lane only."""
    if len(sample) < MIN_UTF16_SNIFF or len(sample) % 2:
        return None
    even, odd = sample[0::2], sample[1::2]
    half = len(sample) // 2
    even_nul, odd_nul = even.count(0) / half, odd.count(0) / half
    if odd_nul >= UTF16_NUL_LANE_SHARE and even_nul == 0:
        return "utf-16-le"
    if even_nul >= UTF16_NUL_LANE_SHARE and odd_nul == 0:
        return "utf-16-be"
    return None


def _guess(data: bytes) -> tuple[str, str]:
    """Legacy 8-bit encodings (cp1251, latin-1, ...) via charset_normalizer."""
    from charset_normalizer import from_bytes

    results = list(from_bytes(data))
    if not results:
        raise DecodeError("undecodable", "not UTF-8 and no known encoding fits")
    encoding = _prefer_common(results)
    try:
        return _checked(data.decode(encoding)), encoding
    except (UnicodeDecodeError, LookupError):
        raise DecodeError("undecodable", f"guessed {encoding} does not fit") from None


def _prefer_common(results: list) -> str:
    """Among guesses as good as the best, take the most common encoding on the web: short
    Western texts fit cp1250, cp1252 and cp1257 equally, and cp1252 is far the likeliest."""
    best = results[0]
    ties = {
        r.encoding
        for r in results
        if abs(r.chaos - best.chaos) <= TIE and abs(r.coherence - best.coherence) <= TIE
    }
    return next((e for e in COMMON_ENCODINGS if e in ties), best.encoding)


def normalise_newlines(text: str) -> str:
    """CRLF and lone CR become LF, as Python's text mode reads them."""
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text
