"""Tunables in one place; every default has a one-line reason."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Settings:
    # Larger files are almost always dumps or binaries, not articles.
    max_file_bytes: int = 20_000_000
    # A long book-length document would hold the parser for minutes.
    max_doc_chars: int = 2_000_000
    # Sentences longer than this are tables or run-ons that the parser handles badly.
    max_sentence_chars: int = 2_000
    # Seconds one document may take before it is reported and skipped.
    doc_time_budget: float = 120.0
    # Parse only sentences that name two actors or an actor and a relation cue.
    prefilter: bool = True
    # Where the parse ties a trigger to no actors, pair the nearest actors around it.
    nearest_fallback: bool = False
    # Keep claims whose subject or object is a provisional (uncatalogued) actor.
    keep_provisional: bool = True
