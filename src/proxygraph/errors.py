"""One catalogue of user-facing errors and warnings, with codes that can be searched and tested."""

from __future__ import annotations

from enum import StrEnum


class Code(StrEnum):
    E001 = "cannot read {path}: {reason}"
    E002 = "{path}: empty file, skipped"
    E003 = "{path}: binary file, skipped"
    E004 = "{path}: cannot decode text ({reason}), skipped"
    E005 = "{path}:{line}: bad JSON Lines record ({reason}), skipped"
    E006 = "{path}: larger than the limit of {limit} bytes, skipped"
    E007 = "{doc}: longer than the limit of {limit} characters, skipped"
    E008 = "{doc}: extraction took longer than {limit} s, skipped"
    E009 = "no such path: {path}"
    E010 = "database {path} is locked by {holder}"
    E011 = "catalog file {path} is invalid: {reason}"
    E012 = "unknown actor {name!r}"
    E013 = "unsupported file type: {path}"
    E020 = "{path}: no article text found, skipped"
    E021 = "{path}: reading this file needs the optional package {package}, skipped"
    E022 = "{doc}: {count} sentence(s) longer than {limit} characters not read for claims"
    E023 = "{doc}: extraction failed ({reason}), skipped"
    E024 = "{doc}: {language}: not read for claims (no reader for this language)"
    E030 = "{path}: document id {id!r} is taken by another document; stored as {new!r}"
    E031 = "{path}: document {id!r} is given twice (also {other}), counted once"
    E032 = "{path}: the HTML parser read only {read} of {total} letters (nested too deep), skipped"
    E033 = "cannot write {path}: {reason}"
    E034 = "cannot serve on {address}: {reason}"
    E035 = (
        "an extraction worker stopped (killed?); what was extracted is stored, run again to finish"
    )
    E036 = "cannot write to database {path}: {reason}; what was stored is kept, run again to finish"
    E040 = "unknown {what} {value!r}; choose one of: {choices}"
    E041 = "give an ACTOR or --corpus (not both)"
    E050 = "extraction data file {path} is invalid: {reason}"
    E060 = "no claim with id {claim_id!r} (ids: `proxygraph claims --jsonl`, `review --list`)"
    E061 = "cannot set {field!r}: the fields a review can set are {known}"
    E062 = "bad value for {field}: {value!r} ({reason})"
    E063 = "{reason}"


class ProxygraphError(Exception):
    """An error a user can act on; its message starts with its code."""

    def __init__(self, code: Code, **fields: object) -> None:
        self.code = code
        self.fields = fields
        super().__init__(f"{code.name}: {code.value.format(**fields)}")


def message(code: Code, **fields: object) -> str:
    return f"{code.name}: {code.value.format(**fields)}"
