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
    E010 = "database {path} is locked by another proxygraph process"
    E011 = "catalog file {path} is invalid: {reason}"
    E012 = "unknown actor {name!r}"
    E013 = "unsupported file type: {path}"
    E020 = "{path}: no article text found, skipped"
    E021 = "{path}: reading this file needs the optional package {package}, skipped"
    E022 = "{doc}: {count} sentence(s) longer than {limit} characters not read for claims"
    E023 = "{doc}: extraction failed ({reason}), skipped"
    E024 = "{doc}: {language}: not read for claims (no reader for this language)"
    E030 = "no claim with id {claim_id!r} (ids: `proxygraph claims --jsonl`, `review --list`)"
    E031 = "cannot set {field!r}: the fields a review can set are {known}"
    E032 = "bad value for {field}: {value!r} ({reason})"
    E033 = "{reason}"
    E050 = "extraction data file {path} is invalid: {reason}"


class ProxygraphError(Exception):
    """An error a user can act on; its message starts with its code."""

    def __init__(self, code: Code, **fields: object) -> None:
        self.code = code
        self.fields = fields
        super().__init__(f"{code.name}: {code.value.format(**fields)}")


def message(code: Code, **fields: object) -> str:
    return f"{code.name}: {code.value.format(**fields)}"
