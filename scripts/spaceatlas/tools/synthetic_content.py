"""Synthetic content of realistic shape for `spaceatlas bench`: every entry type in the real
content's proportions, with references between entries, party lists and partners."""

from __future__ import annotations

import random
from pathlib import Path

import yaml

from ..model.countries import country_codes
from ..read.content_files import Project
from ..read.schema import ENTRY_TYPES

WORDS = (
    "cooperation agency mission orbit partner treaty launch station module science data exploration "
    "lunar instrument agreement policy satellite research program signatory national international "
    "observatory spacecraft support provides operates through under between with joint"
).split()
SHARES = {"source": 0.20, "concept": 0.05, "agency": 0.25, "treaty": 0.10, "program": 0.40}


def synthetic_content(root: Path, total: int) -> None:
    """Write about `total` entries under `root`, the same ones for the same total."""
    rng = random.Random(42)
    slugs = {name: [f"{name}-{i:05d}" for i in range(max(1, int(total * share)))] for name, share in SHARES.items()}
    codes = country_codes()

    def text(words: int) -> str:
        return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."

    def entry(name: str, slug: str) -> dict:
        if name == "source":
            return {
                "title": text(8),
                "publisher": "Synthetic Publisher",
                "date": f"20{rng.randrange(10, 24)}",
                "address": f"https://example.org/{slug}",
                "summary": text(40),
            }
        common = {
            "title": f"{name.capitalize()} {rng.randrange(10**6)} {text(4)[:-1]}",
            "aliases": [f"{name[:3].upper()}{rng.randrange(1000)}"],
            "summary": text(45),
            "description": text(120) + "\n\n" + text(120),
            "concepts": rng.sample(slugs["concept"], min(2, len(slugs["concept"]))),
            "sources": rng.sample(slugs["source"], min(2, len(slugs["source"]))),
        }
        if name == "concept":
            return common | {"kind": "term", "concepts": []}
        if name == "agency":
            return common | {
                "acronym": "AG" + slug[-5:],
                "kind": "national-agency",
                "country": rng.choice(codes),
                "founded": f"19{rng.randrange(50, 99)}",
                "headquarters": "Synthetic City",
                "website": f"https://example.org/{slug}",
            }
        if name == "treaty":
            actions = [
                {
                    "party": rng.choice(codes),
                    "action": rng.choice(["signature", "ratification", "accession"]),
                    "date": f"19{rng.randrange(68, 99)}-0{rng.randrange(1, 9)}-1{rng.randrange(0, 9)}",
                }
                for _ in range(rng.randrange(5, 20))
            ]
            return common | {
                "kind": "treaty",
                "dates": {"opened_for_signature": "1967-01-27", "entered_into_force": "1967-10-10"},
                "key_provisions": [{"article": f"Article {i}", "text": text(20)} for i in range(1, 4)],
                "related": rng.sample([s for s in slugs["treaty"] if s != slug], min(2, len(slugs["treaty"]) - 1)),
                "parties": {"as_of": "2024-01-01", "source": rng.choice(slugs["source"]), "actions": actions},
            }
        # Two partners in three are agencies, as in the real content, at every size.
        draws = range(rng.randrange(2, 6))
        partners = dict.fromkeys(
            rng.choice(slugs["agency"]) if rng.random() < 2 / 3 else rng.choice(codes) for _ in draws
        )
        return common | {
            "status": rng.choice(["planned", "active", "completed"]),
            "start": f"{rng.randrange(1970, 2024)}",
            "lead": rng.choice(slugs["agency"]),
            "partners": [{"party": party, "contribution": text(12)} for party in partners],
            "domains": ["science"],
            "instruments": rng.sample(slugs["treaty"], 1),
        }

    for name in SHARES:
        folder = root / Project(root).directory(ENTRY_TYPES[name])
        folder.mkdir(parents=True, exist_ok=True)
        for slug in slugs[name]:
            (folder / f"{slug}.yaml").write_text(yaml.safe_dump(entry(name, slug), sort_keys=False))
