"""People on real pages the extractor was not built from, and on the seeds.

The real pages and their annotation live in tests/realpages/ (people.json lists
every named person with the spellings that occur, and the groups of spellings
that must be one person). The score is computed as tests/tools/score_people.py
does: recall counts annotated people found as an entry, precision counts
entries that are annotated people or accepted extras, and a group is merged
when one entry holds all its spellings.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from iranfocus_cli.parse import split_page
from iranfocus_cli.people import build_people, count_mentions, person_table

ROOT = Path(__file__).resolve().parent.parent
REAL = ROOT / "tests" / "realpages"

# The scores reached; one item of slack for the page parser, which decides items and bylines.
FLOOR_RECALL = 0.99
FLOOR_PRECISION = 0.99
FLOOR_MERGED = 20


def _norm(s: str) -> str:
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = s.replace("\u2019", "'").replace("\xa0", " ")
    s = re.sub(r"'s$", "", s.strip())
    return re.sub(r"\s+", " ", s).casefold()


def _entries(folder: Path) -> list[dict]:
    items = []
    for f in sorted(folder.glob("*.txt")):
        items.extend(split_page(f.read_text(encoding="utf-8"), source=f.name, stem=f.stem).items)
    people = build_people(count_mentions(it.mentions for it in items))
    return [r.to_dict() for r in person_table(people, items)]


def score(entries: list[dict], gold: dict) -> dict:
    """Recall, precision and merged groups of ``people --json`` entries against an annotation."""
    forms = {k: {_norm(v) for v in vs} | {_norm(k)} for k, vs in gold["people"].items()}
    extra = {_norm(x) for x in gold.get("ok_extra", [])}
    named = [(e["name"], {_norm(e["name"])} | {_norm(v) for v in e.get("variants", [])}) for e in entries]
    found: set[str] = set()
    wrong = []
    for name, _ in named:
        hit = [k for k, f in forms.items() if _norm(name) in f]
        found.update(hit)
        if not hit and _norm(name) not in extra:
            wrong.append(name)
    merged = [g for g in gold["merge"] if any({_norm(x) for x in g} <= names for _, names in named)]
    return {"recall": len(found) / len(forms), "precision": (len(named) - len(wrong)) / len(named),
            "merged": len(merged), "missing": sorted(set(forms) - found), "wrong": wrong,
            "not_merged": [g for g in gold["merge"] if g not in merged]}


@pytest.fixture(scope="module")
def gold() -> dict:
    return json.loads((REAL / "people.json").read_text(encoding="utf-8"))


def test_real_pages_people_score(gold):
    got = score(_entries(REAL / "pages"), gold)
    assert got["recall"] >= FLOOR_RECALL, got["missing"]
    assert got["precision"] >= FLOOR_PRECISION, got["wrong"]
    assert got["merged"] >= FLOOR_MERGED, got["not_merged"]


def test_real_pages_people_score_through_the_cli(gold, tmp_path):
    """The same score through `iranfocus people --json` and its index, with the project's scorer."""
    pages = tmp_path / "pages"
    shutil.copytree(REAL / "pages", pages)
    out = subprocess.run([sys.executable, str(ROOT / "tests" / "tools" / "score_people.py"),
                          "--bin", str(Path(sys.executable).parent), "--corpus", str(pages),
                          "--gold", str(REAL / "people.json"), "--problems"],
                         capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    res = json.loads(out.stdout.strip().splitlines()[-1])
    assert res["recall"] >= FLOOR_RECALL and res["precision"] >= FLOOR_PRECISION, out.stdout
    assert int(res["merged"].split("/")[0]) >= FLOOR_MERGED, out.stdout


# Every person the seeds name, and the spellings that must be one person.
SEED_PEOPLE = """Donald Trump|Ali Khamenei|Maryam Rajavi|Hassan Rouhani|John Bolton|Ahmad Jannati|Stephen Harper
|Alaeddin Boroujerdi|Andrew Peek|Ruhollah Khomeini|Jubin Katiraie|Mohammad Mohaddessin|Mohammad Reza Bahonar
|Mohammed Ali Jafari|Reyhaneh Jabbari|Shahin Gobadi|Vida Movahed|Vladimir Putin|Abdul Ridha Rahmani Fadhli
|Ali Abdullah Saleh|Ali Larijani|Allahyar Alishahi|Amir Ali Hajizadeh|Amir Hatami|Anthony Chibarirwe|Barack Obama
|Bashar al Assad|Benjamin Netanyahu|Boris Zilberman|Bruce Riedel|Emanuele Ottolenghi|Eshaq Jahangiri
|Fatemeh Daneshvar|Francis Perrin|Gholam Reza Jalali|Giulio Terzi|Gérard Deprez|Hamid Chitchian|Heshmat Alavi
|Hossein Salami|Ivan Sheehan|Mahmoud Ahmadinejad|Mahmoud Sadeghi|Majid Rafizadeh|Matiyar Shamaii|Mitchell Reiss
|Mohammad Jafar Montazeri|Mostafa Tajzadeh|Newt Gingrich|Noushin Mohammadi|Pooya Stone|Robert Torricelli
|Ron DeSantis|Ryszard Czarnecki|Shahab Naderi|Turki Aldakhil""".replace("\n", "").split("|")
SEED_MERGES = [["Ali Khamenei", "Khamenei", "Alii Khamenei"], ["Hassan Rouhani", "Rouhani", "Rohani"],
               ["Ahmad Jannati", "Jannati", "Janati"], ["Mohammed Ali Jafari", "Ali Jafari"],
               ["Maryam Rajavi", "Rajavi"]]


def test_seed_people_score(seed_corpus):
    people = build_people(count_mentions(it.mentions for it in seed_corpus.items))
    entries = [r.to_dict() for r in person_table(people, seed_corpus.items)]
    got = score(entries, {"people": {n: [n] for n in SEED_PEOPLE}, "merge": SEED_MERGES})
    assert got["recall"] >= 0.95, got["missing"]
    assert got["precision"] >= 0.95, got["wrong"]
    assert got["merged"] == len(SEED_MERGES), got["not_merged"]


def test_mrs_rajavi_is_maryam_rajavi_on_the_seeds(seed_corpus):
    people = build_people(count_mentions(it.mentions for it in seed_corpus.items))
    assert people.persons[people.find("Mrs. Rajavi")].name == "Maryam Rajavi"
