#!/usr/bin/env python3
"""Write a corpus of stories and their near-duplicates, with a manifest of the truth.

Usage:
    python neardups.py --out DIR --stories 200 [--seed 1] [--manifest FILE]
    (or ``make_corpus.py --near-dups N``, which calls this)

Each *base story* is made of 6-12 sentences drawn at random from the seed pages'
article texts, so two stories share a sentence now and then by chance, and every
story also ends with one of a few boilerplate sentences that many stories share.
Each story is written as its original page and some of these copies, each in a
file of its own:

* ``edit``: about one word in 25 changed or dropped;
* ``trim``: the lead sentence shortened and the last sentence dropped;
* ``extend``: a sentence added at the end;
* ``rehead``: the same text under a new headline;
* ``teaser`` / ``full``: a listing teaser (the first two sentences, "Read more")
  and the full article page with the whole text.

The manifest has one JSON line per file: its name, the base story and the kind of
copy. Items of one base story are the true links; items of two base stories must
never be linked. Standard library only; deterministic for a given --seed.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_SEEDS = os.path.normpath(os.path.join(HERE, "..", "seeds"))
BOILERPLATE = [
    "The National Council of Resistance of Iran has repeatedly called on the international community to hold the "
    "regime to account for its crimes.",
    "Iran Focus will continue to report on the situation as more information becomes available.",
    "Human rights groups have long warned that the regime uses the death penalty to instil fear in society.",
]
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
_DATELINE_RE = re.compile(r"^[^,\n]{1,40},\W+\d{1,2}\W+[A-Za-z]+\.?\W+")
_SENT_RE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\u201c\"])")


def seed_sentences(seed_dir: str) -> list[str]:
    """Sentences of 8-60 words from the seed pages' long paragraphs."""
    out: list[str] = []
    seen: set[str] = set()
    for name in sorted(os.listdir(seed_dir)):
        if not name.endswith(".txt"):
            continue
        with open(os.path.join(seed_dir, name), encoding="utf-8", errors="replace") as fh:
            for para in fh.read().split("\n"):
                para = _DATELINE_RE.sub("", para.strip())
                if len(para) < 150:
                    continue
                for s in _SENT_RE.split(para):
                    key = re.sub(r"\W+", "", s.lower())
                    if 8 <= len(s.split()) <= 60 and key not in seen:
                        seen.add(key)
                        out.append(s)
    return out


def headline(rng: random.Random, words: list[str]) -> str:
    picks = rng.sample(words, k=min(len(words), rng.randint(5, 9)))
    return " ".join(w.strip(".,;:\u201c\u201d\"") for w in picks).capitalize()


def article_page(title: str, day: int, month: str, sentences: list[str]) -> str:
    body = " ".join(sentences[:2])
    rest = [" ".join(sentences[k:k + 3]) for k in range(2, len(sentences), 3)]
    return "\n\n".join([title, "Iran Focus", f"London, {day:02d} {month} - {body}", *rest]) + "\n"


def teaser_page(title: str, day: int, month: str, sentences: list[str], rng: random.Random, pool: list[str]) -> str:
    other = rng.sample(pool, 2)
    return "\n\n".join([title, "Iran Focus", f"London, {day:02d} {month} - {' '.join(sentences[:2])}", "Read more ...",
                        "Another story", "Iran Focus", f"London, {day:02d} {month} - {' '.join(other)}", "Read more ..."]) + "\n"


def edit_words(text: str, rng: random.Random) -> str:
    words = text.split(" ")
    for k in range(len(words)):
        if rng.random() < 0.04:
            words[k] = rng.choice(["", "the", "regime", "officials", words[k].upper()])
    return re.sub(" +", " ", " ".join(words)).strip()


def make(out: str, stories: int, seed: int, seed_dir: str, manifest: str | None) -> int:
    rng = random.Random(seed)
    pool = seed_sentences(seed_dir)
    os.makedirs(out, exist_ok=True)
    rows = []
    n = 0

    def write(text: str, story: int, kind: str) -> None:
        nonlocal n
        name = f"nd{n:06d}.txt"
        n += 1
        with open(os.path.join(out, name), "w", encoding="utf-8") as fh:
            fh.write(text)
        rows.append({"file": name, "story": story, "kind": kind})

    if stories > len(pool) // 3:
        raise SystemExit(f"the seed pages hold {len(pool)} sentences: at most {len(pool) // 3} stories")
    rng.shuffle(pool)
    leads, pool = pool[:stories], pool[stories:]  # two stories never open with the same sentence
    for s in range(stories):
        sents = [leads[s]] + rng.sample(pool, rng.randint(5, 11)) + [rng.choice(BOILERPLATE)]
        title = headline(rng, " ".join(sents[:3]).split())
        day, month = rng.randint(1, 28), rng.choice(MONTHS)
        write(article_page(title, day, month, sents), s, "original")
        for kind in rng.sample(["edit", "trim", "extend", "rehead", "teaser"], rng.randint(1, 3)):
            if kind == "edit":
                write(article_page(title, day, month, [edit_words(x, rng) for x in sents]), s, kind)
            elif kind == "trim":
                lead = " ".join(sents[0].split()[: max(8, len(sents[0].split()) * 2 // 3)]) + "."
                write(article_page(title, day, month, [lead] + sents[1:-1]), s, kind)
            elif kind == "extend":
                write(article_page(title, day, month, sents + [rng.choice(pool)]), s, kind)
            elif kind == "rehead":
                write(article_page(headline(rng, rng.choice(pool).split()), day, month, sents), s, kind)
            else:
                write(teaser_page(title, day, month, sents, rng, pool), s, "teaser")
    if manifest:
        with open(manifest, "w", encoding="utf-8") as fh:
            fh.writelines(json.dumps(r) + "\n" for r in rows)
    return n


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", required=True)
    ap.add_argument("--stories", type=int, default=200)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--seeds", default=DEFAULT_SEEDS)
    ap.add_argument("--manifest")
    a = ap.parse_args(argv)
    n = make(a.out, a.stories, a.seed, a.seeds, a.manifest)
    print(f"wrote {n} files of {a.stories} stories to {a.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
