"""Sanity checks for the held-out gold: every quote is verbatim, every field follows SCHEMA.md.

usage: python eval/heldout/check.py   (exits non-zero and lists problems if any)
"""
import json
import sys
from pathlib import Path

HERE = Path(__file__).parent
RELATIONS = {
    "ARMS", "FUNDS", "TRAINS", "SHARES_INTEL", "SHELTERS", "FIGHTS_ALONGSIDE", "SUPPORTS",
    "DIPLOMATIC_COVER", "ENGAGES", "ALLIED_WITH", "ATTACKS", "DESIGNATES_TERRORIST",
    "SANCTIONS", "ACCUSES", "HOSTILE_TO", "CONTROLS", "MEMBER_OF",
}
CERTAINTY = {"asserted", "reported", "alleged", "denied"}
FIELDS = ["doc", "subject", "relation", "object", "negated", "certainty", "source", "time", "quote"]


def check_row(row: dict, texts: dict, canon: set) -> list[str]:
    """Problems with one gold claim (empty when it is well-formed)."""
    problems = []
    if list(row) != FIELDS:
        problems.append(f"fields {list(row)}")
    if row["doc"] not in texts:
        return problems + [f"no article {row['doc']}"]
    if row["quote"] not in texts[row["doc"]]:
        problems.append("quote not verbatim")
    if row["relation"] not in RELATIONS:
        problems.append(f"relation {row['relation']}")
    if row["certainty"] not in CERTAINTY:
        problems.append(f"certainty {row['certainty']}")
    if not isinstance(row["negated"], bool):
        problems.append("negated not bool")
    for side in ("subject", "object"):
        if row[side] not in canon:
            problems.append(f"{side} {row[side]!r} not a canonical name in actors.json")
    return problems


def main() -> int:
    texts = {p.stem: p.read_text(encoding="utf-8") for p in (HERE / "articles").glob("*.txt")}
    canon = set(json.loads((HERE / "actors.json").read_text(encoding="utf-8")))
    lines = (HERE / "gold.jsonl").read_text(encoding="utf-8").splitlines()
    rows = [json.loads(line) for line in lines if line.strip()]
    bad = 0
    for i, row in enumerate(rows, 1):
        for problem in check_row(row, texts, canon):
            bad += 1
            print(f"gold.jsonl:{i}: {problem}")
    missing = set(texts) - {r["doc"] for r in rows}
    for doc in sorted(missing):
        bad += 1
        print(f"{doc}: no gold claims")
    for doc, text in sorted(texts.items()):
        words = len(text.split())
        if not 150 <= words <= 360:
            print(f"{doc}: {words} words (target 150-350)")
    print(f"{len(rows)} claims, {len(texts)} articles, {bad} problems")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
