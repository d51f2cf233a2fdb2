"""Stories: exact repeats, near copies and teaser/full pairs are linked, and nothing else."""

from __future__ import annotations

import itertools
import json
import os
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from iranfocus_cli.parse import split_page
from iranfocus_cli.stories import Dated, StoryItem, flow_dates, link_stories

from .conftest import SEEDS

BENCH = Path(__file__).resolve().parent.parent / "bench"


def story_items(folder: Path) -> list[StoryItem]:
    out: list[StoryItem] = []
    for f in sorted(folder.glob("*.txt")):
        for it in split_page(f.read_text(encoding="utf-8"), source=f.name, stem=f.stem).items:
            out.append(StoryItem(it.id, len(out), it.kind, it.text, it.content_key))
    return out


def _neardups(tmp_path: Path, stories: int, seed: int) -> tuple[Path, Path]:
    """A generated corpus of stories and their near-duplicates, and its manifest."""
    sys.path.insert(0, str(BENCH))
    try:
        import neardups  # type: ignore[import-not-found]
    finally:
        sys.path.pop(0)
    corpus, manifest = tmp_path / "nd", tmp_path / "nd.jsonl"
    neardups.make(str(corpus), stories, seed, str(SEEDS), str(manifest))
    return corpus, manifest


def test_seed_teaser_and_its_full_article_are_one_story():
    links = link_stories(story_items(SEEDS))
    teaser, full = links["000_c14d0114e5c73173#9"], links["004_439be52d8a4ed63d#1"]
    assert teaser.story == full.story == "000_c14d0114e5c73173#9"
    assert (teaser.relation, full.relation) == ("teaser_of", "full_of")


def test_generated_near_duplicates_precision_one_recall_high(tmp_path):
    corpus, manifest = _neardups(tmp_path, 60, 5)
    truth = {json.loads(line)["file"][:-4] + "#1": json.loads(line)["story"] for line in manifest.read_text().splitlines()}
    links = link_stories(story_items(corpus))
    tp = fp = fn = 0
    for a, b in itertools.combinations(sorted(truth), 2):
        same, linked = truth[a] == truth[b], links[a].story == links[b].story
        tp, fp, fn = tp + (same and linked), fp + (linked and not same), fn + (same and not linked)
    assert fp == 0
    assert tp / (tp + fn) >= 0.95
    # The other teasers on the teaser pages belong to no story of the manifest.
    stories_of_truth = {links[i].story for i in truth}
    assert not [i for i, link in links.items() if i.endswith("#2") and link.story in stories_of_truth]


def test_stories_sharing_a_boilerplate_sentence_stay_apart():
    boiler = ("The National Council of Resistance of Iran has repeatedly called on the international community to hold "
              "the regime to account for its crimes and to stand with the people of Iran.")
    lead = "Truck drivers went on strike in thirty cities on Monday over unpaid wages. "
    a = StoryItem("a#1", 0, "article", lead + boiler, "a")
    b = StoryItem("b#1", 1, "article", "Teachers rallied outside the parliament in Tehran demanding the release of colleagues. "
                  + boiler, "b")
    c = StoryItem("c#1", 2, "article", "Truck drivers went on strike in thirty cities on Monday over unpaid wages. " + boiler
                  + " Drivers said they would continue until their demands were met by the ministry.", "c")
    links = link_stories([a, b, c])
    assert links["a#1"].story == links["c#1"].story != links["b#1"].story
    assert links["b#1"].relation is None


def test_exact_repeats_are_same_and_alone_has_no_relation():
    text = "Security forces arrested dozens of protesters in Ahvaz after clashes broke out on Saturday night."
    links = link_stories([StoryItem("p#1", 0, "article", text, "k"), StoryItem("q#3", 1, "article", text, "k"),
                          StoryItem("r#1", 2, "caption", "Latest news from Tehran", "z")])
    assert links["p#1"] == links["q#3"] and links["p#1"].relation == "same" and links["q#3"].story == "p#1"
    assert links["r#1"].story == "r#1" and links["r#1"].relation is None


def test_dates_flow_to_undated_items_only_from_proven_dates_and_only_when_they_agree():
    flows, conflicts = flow_dates({
        "s1": [Dated("t#9", "2018-01-25", "page"), Dated("f#1", None, None)],
        "s2": [Dated("a#1", "2017-06-01", "page"), Dated("b#1", "2017-06-02", "written"), Dated("c#1", None, None)],
        "s3": [Dated("g#1", "2018-02-03", "duplicate"), Dated("h#1", None, None)],
        "s4": [Dated("i#1", "2016-03-04", "written"), Dated("j#2", "--03-04", None), Dated("k#2", "--05-04", None)],
    })
    assert flows == {"f#1": ("2018-01-25", "t#9"), "j#2": ("2016-03-04", "i#1")}
    assert conflicts == {"s2"}


def _cli(*args: str):
    from click.testing import CliRunner

    from iranfocus_cli.cli import cli

    return CliRunner().invoke(cli, ["--no-cache", *args], catch_exceptions=False)


def test_seed_full_article_takes_its_teasers_date_through_the_cli():
    item = json.loads(_cli("show", "004_439be52d8a4ed63d#1", "--json").output)
    assert (item["date"], item["year_basis"], item["date_source"]) == ("2018-01-25", "duplicate", "000_c14d0114e5c73173#9")
    assert item["story"] == "000_c14d0114e5c73173#9" and item["story_relation"] == "full_of"
    assert [s["id"] for s in item["story_items"]] == ["000_c14d0114e5c73173#9"]


def test_thirty_copies_count_like_one_with_unique(tmp_path):
    one, many = tmp_path / "one", tmp_path / "many"
    for root, n in ((one, 1), (many, 30)):
        for k in range(n):
            d = root / f"c{k:02d}"
            d.mkdir(parents=True)
            for f in SEEDS.glob("*.txt"):
                (d / f.name).write_bytes(f.read_bytes())
    for cmd in (["people", "--unique", "--json"], ["list", "--unique", "--json"]):
        # the same rows and counts; ids and paths name the first copy's folder when there are many
        a = json.loads(_cli("--corpus", str(one), *cmd).output.replace("c00/", ""))
        b = json.loads(_cli("--corpus", str(many), *cmd).output.replace("c00/", ""))
        # (only the relation differs: with copies, the kept item is "same" as them)
        for rows in (a, b):
            for r in rows:
                r.pop("story_relation", None)
        assert a == b and a
    full = json.loads(_cli("--corpus", str(many), "list", "--json").output)
    assert len(full) > 29 * len(json.loads(_cli("--corpus", str(one), "list", "--json").output))


def test_show_suggests_the_id_under_a_sub_folder(tmp_path):
    for folder in ("x", "y"):
        d = tmp_path / folder
        d.mkdir()
        (d / "c_newyear.txt").write_text(f"Iran Focus\n\nLondon, 02 Feb - A teaser from {folder} about the new year.\n")
    r = _cli("--corpus", str(tmp_path), "show", "c_newyear#1")
    assert r.exit_code == 1 and "x/c_newyear#1" in r.output and "y/c_newyear#1" in r.output


# --- the skipped pairs change nothing ------------------------------------------------------

def _every_pair(items: list[StoryItem]) -> dict[str, tuple[str, str | None]]:
    """The oracle: every pair of every LSH bucket verified, then grouped."""
    from iranfocus_cli.stories import Member, band_keys, buckets_of, group_stories, split_links, text_words, verify

    members, heads = [], {}
    for it in items:
        g = f"{it.kind}:{it.content_key}"
        members.append(Member(it.id, it.order, g, len(it.text)))
        if it.kind == "article":
            heads.setdefault(g, text_words(it.text))
    links = []
    for bucket in buckets_of({g: band_keys(w) for g, w in heads.items()}):
        for a, b in itertools.combinations(bucket, 2):
            rel = verify(heads[a], heads[b])
            if rel == "near":
                links.append((a, b, "near"))
            elif rel in ("teaser", "full"):
                links.append((a, b, "teaser") if rel == "teaser" else (b, a, "teaser"))
    return {k: (v.story, v.relation) for k, v in group_stories(members, *split_links(links)).items()}


SENTENCES = [f"Sentence {k} tells of the {w} in {p} and what the officials said about it afterwards."
             for k, (w, p) in enumerate(itertools.product(["strike", "protest", "trial", "election", "arrest"],
                                                           ["Tehran", "Tabriz", "Ahvaz", "Shiraz"]))]


@settings(max_examples=25, deadline=None)
@given(st.lists(st.tuples(st.lists(st.integers(0, len(SENTENCES) - 1), min_size=3, max_size=9),
                          st.lists(st.sampled_from(["same", "teaser", "trim", "extend", "edit"]), max_size=6)),
                min_size=1, max_size=6), st.randoms(use_true_random=False))
def test_linker_gives_the_stories_of_verifying_every_pair(stories, rnd):
    items: list[StoryItem] = []
    for base, copies in stories:
        sents = [SENTENCES[k] for k in base]
        for kind in ["same", *copies]:
            s = {"same": sents, "teaser": sents[:2], "trim": sents[1:], "extend": sents + [rnd.choice(SENTENCES)],
                 "edit": [x.replace("officials", "ministers") if rnd.random() < 0.5 else x for x in sents]}[kind]
            text = " ".join(s)
            items.append(StoryItem(f"p{len(items)}#1", len(items), "article", text, str(hash(text))))
    rnd.shuffle(items)
    items = [StoryItem(it.id, k, it.kind, it.text, it.content_key) for k, it in enumerate(items)]
    assert {k: (v.story, v.relation) for k, v in link_stories(items).items()} == _every_pair(items)


def _stories_of(corpus: Path, cache_dir: Path, monkeypatch, cache: bool = True) -> list[tuple]:
    """Every item's story fields, from a cache in ``cache_dir`` (or none)."""
    from iranfocus_cli.query import Filters
    from iranfocus_cli.store import open_store

    monkeypatch.setenv("IRANFOCUS_CACHE_DIR", str(cache_dir))
    store = open_store([str(corpus)], cache=cache)
    try:
        return [(it.id, it.story, it.story_relation, it.date, it.date_source) for it in store.select(Filters())]
    finally:
        store.close()


def test_removing_the_text_that_held_a_story_together_updates_like_a_fresh_build(tmp_path, monkeypatch):
    corpus, _ = _neardups(tmp_path, 12, 3)

    def stories(cache: bool) -> list[tuple]:
        return _stories_of(corpus, tmp_path / "cache", monkeypatch, cache)

    stories(True)
    files = sorted(corpus.rglob("*.txt"))
    for f in files[::4]:  # delete every fourth page, one at a time, then edit one
        f.unlink()
        assert stories(True) == stories(False)
    files[1].write_text(files[1].read_text() + "\nOne more sentence about the strike in Tehran today.\n")
    assert stories(True) == stories(False)


def test_a_small_text_cache_gives_the_same_stories(tmp_path, monkeypatch):
    from iranfocus_cli.stories import Linker

    corpus, _ = _neardups(tmp_path, 20, 4)
    items = story_items(corpus)
    big = link_stories(items)
    monkeypatch.setattr(Linker, "CACHE", 2)  # texts are dropped and read again all the time
    assert link_stories(items) == big
    assert len({v.story for v in big.values()}) < len(items)


def _die(texts: dict) -> None:
    os._exit(1)  # as when the system kills a process that ran out of memory


@pytest.mark.parametrize("how", ["linked apart", "the process dies", "serial"])
def test_a_new_cache_linked_in_a_second_process_gives_the_same_stories(tmp_path, monkeypatch, how):
    """A new cache is sketched and linked in a second process while years, repeats and
    people are settled; the stories are those of linking in the one process, and if
    that process dies the work is done in this one."""
    from iranfocus_cli import store as store_mod
    from iranfocus_cli import stories as stories_mod

    corpus, _ = _neardups(tmp_path, 15, 4)
    monkeypatch.setattr(store_mod, "LINK_APART_MIN", 10**9)
    alone = _stories_of(corpus, tmp_path / "c1", monkeypatch)
    assert len({s[1] for s in alone}) < len(alone)
    used: list[bool] = []
    real = store_mod.Store._linked_apart

    def spy(apart, new):
        got = real(apart, new)
        used.append(got is not None)
        return got

    monkeypatch.setattr(store_mod.Store, "_linked_apart", staticmethod(spy))
    if how != "serial":
        monkeypatch.setattr(store_mod, "LINK_APART_MIN", 1)
    if how == "the process dies":
        monkeypatch.setattr(stories_mod, "link_texts", _die)
    assert _stories_of(corpus, tmp_path / "c2", monkeypatch) == alone
    assert used == {"linked apart": [True], "the process dies": [False], "serial": []}[how]


# --- the best copy of a story ----------------------------------------------------------------

@pytest.fixture(scope="module")
def copies_store(tmp_path_factory):
    """A generated corpus: its stories have many copies of different sizes and dates."""
    import subprocess

    from iranfocus_cli.store import open_store

    out = tmp_path_factory.mktemp("copies")
    subprocess.run([sys.executable, str(BENCH / "make_corpus.py"), "--out", str(out), "--mb", "0.4", "--seed", "5"],
                   check=True, capture_output=True)
    st_ = open_store([str(out)], cache=False)
    yield st_
    st_.close()


def _best_by_hand(items: list) -> list[str]:
    """The oracle of --unique: of each story's items, the fullest, then the earliest known
    date (a day and month without a year is not known), then the first in corpus order."""
    best: dict[str, tuple] = {}
    for pos, it in enumerate(items):
        known = "~" if it.date is None or it.date.startswith("--") else it.date
        key = (-len(it.text), known, pos)
        if it.story not in best or key < best[it.story][0]:
            best[it.story] = (key, it.id)
    keep = {v[1] for v in best.values()}
    return [it.id for it in items if it.id in keep]


@pytest.mark.parametrize("other", [
    {}, {"kinds": ("article",)}, {"kinds": ("caption",)}, {"keywords": ("iran",)}, {"exclude": ("mek",)},
    {"since": __import__("datetime").date(2018, 3, 1)}, {"dated": False}, {"persons": ("Rajavi",)},
    {"sources": ("*/00000[1-4]*",)},
])
def test_unique_keeps_the_best_copy_of_each_story(copies_store, other):
    from iranfocus_cli.people import canonical_names, person_matcher
    from iranfocus_cli.query import Filters, filter_items

    everything = list(copies_store.select(Filters()))
    assert len({it.story for it in everything}) < len(everything)  # stories with copies
    flt = Filters(**other)
    match = person_matcher(canonical_names(copies_store.people(), flt.persons)) if flt.persons else None
    passing = filter_items(everything, flt, person_match=match)
    got = [it.id for it in copies_store.select(Filters(unique=True, **other))]
    assert got == _best_by_hand(passing)
    # and SQL alone (no residual check) picks the same
    got_sql = [it.id for it in copies_store.select(Filters(unique=True, **other), extra=lambda it: True)]
    assert got_sql == got


LONG = ("Iran Focus\n\nLondon, 02 Feb{year} - {many} of workers gathered outside the governor's office in "
        "Ahvaz to demand months of unpaid wages, and witnesses said the security forces watched from the "
        "rooftops while the crowd chanted slogans against the clerical regime and its officials.\n")


@pytest.mark.parametrize("steps", [
    [("a", " 2018"), ("a", " 2017")],               # the copy that lends its date is re-dated
    [("a", " 2018"), ("a", None)],                  # and deleted: the others keep their own dates
    [("b", ""), ("a", " 2018"), ("c", " 2017")],    # a second proven day: the story's dates disagree
    [("a", " 2018"), ("c", "")],                    # a copy added later takes the date
])
def test_a_story_date_changed_by_an_edit_is_the_date_of_a_fresh_build(tmp_path, steps):
    """Dates that flow along a story follow edits that change, add or remove the copy
    that lends them, exactly as a cache built afresh has them."""
    from click.testing import CliRunner

    from iranfocus_cli.cli import cli

    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "b.txt").write_text(LONG.format(year="", many="Thousands"))
    kept = str(tmp_path / "kept")

    def run(cache: str) -> str:
        r = CliRunner().invoke(cli, ["--corpus", str(corpus), "list", "--json"], env={"IRANFOCUS_CACHE_DIR": cache},
                               catch_exceptions=False)
        assert r.exit_code == 0
        return r.stdout

    run(kept)
    for k, (name, year) in enumerate(steps):
        f = corpus / f"{name}.txt"
        if year is None:
            f.unlink()
        else:
            # a near copy of the others (not an exact repeat), so its date flows along a link
            f.write_text(LONG.format(year=year, many="Hundreds" if name == "a" else "Thousands"))
            os.utime(f, ns=(10**18 + k, 10**18 + k))
        got, want = run(kept), run(str(tmp_path / f"fresh{k}"))
        assert got == want
    rows = json.loads(got)
    assert len({r["story"] for r in rows}) == 1 and all(r["date"] for r in rows)


TEASER_T = ("Iran Focus\n\nLondon, 20 Feb{year} - Truck drivers in Isfahan and Shiraz stayed off the roads for a third "
            "day over the price of diesel and insurance, their union said in a statement sent to reporters.\n")


@pytest.mark.parametrize("listed", [100_000, 0])
def test_an_item_its_page_dates_anew_is_written_again(tmp_path, monkeypatch, listed):
    """A page not edited can be dated anew by another (a teaser they share): its items
    that take a story's date are written again, as a fresh build has them (listed one
    by one, or, past ``REDATED_MAX``, with every item of their stories)."""
    from click.testing import CliRunner

    from iranfocus_cli import store
    from iranfocus_cli.cli import cli

    monkeypatch.setattr(store, "REDATED_MAX", listed)

    corpus = tmp_path / "c"
    corpus.mkdir()
    a = LONG.format(year="", many="Thousands")
    (corpus / "l.txt").write_text(LONG.format(year=" 2018", many="Thousands"))
    (corpus / "p.txt").write_text(a + "\n" + TEASER_T.format(year=""))
    (corpus / "q.txt").write_text(TEASER_T.format(year=""))

    def run(cache: str) -> list[dict]:
        r = CliRunner().invoke(cli, ["--corpus", str(corpus), "list", "--json"], env={"IRANFOCUS_CACHE_DIR": cache},
                               catch_exceptions=False)
        assert r.exit_code == 0
        return json.loads(r.stdout)

    before = run(str(tmp_path / "kept"))
    (corpus / "q.txt").write_text(TEASER_T.format(year=" 2017"))
    os.utime(corpus / "q.txt", ns=(10**18, 10**18))
    got, want = run(str(tmp_path / "kept")), run(str(tmp_path / "fresh"))
    assert got == want
    p1 = [{k: r[k] for k in ("date", "year_basis", "date_source")} for r in before + got if r["id"] == "p#1"]
    assert p1[0] != p1[1]  # the copy on p is dated another way


SETTLED = {
    "items": "SELECT id, duplicate_of, story, story_relation, story_rank, date, year_basis, date_source, date_lo, date_hi"
             " FROM items ORDER BY id",
    "repeats": "SELECT * FROM repeats ORDER BY g",
    "story_lent": "SELECT * FROM story_lent ORDER BY story",
    "story_conflicts": "SELECT * FROM story_conflicts ORDER BY story",
    "files": "SELECT path, year, basis, reason, votes, own_y, own_note FROM files ORDER BY ord",
}


def _settled(corpus: Path, cache: Path, monkeypatch, years: dict[str, int] | None = None) -> dict[str, list]:
    import sqlite3

    from iranfocus_cli.store import open_store

    monkeypatch.setenv("IRANFOCUS_CACHE_DIR", str(cache))
    st_ = open_store([str(corpus)], years=years)
    path = st_.path
    st_.close()
    db = sqlite3.connect(path)
    try:
        out = {name: db.execute(sql).fetchall() for name, sql in SETTLED.items()}
        out["keyless"] = db.execute("SELECT DISTINCT f.path FROM items i JOIN files f ON f.fid = i.fid"
                                    " WHERE i.content_key IS NULL ORDER BY f.ord").fetchall()
        return out
    finally:
        db.close()


def test_edits_in_place_settle_as_a_fresh_build(tmp_path, monkeypatch):
    """Files edited in place (an article rewritten, one dropped, one added; a caption
    changed; a file emptied, and one holding an item without text), one added at the
    end, and a page's year set by the user: the stories, their kept sums, dates and
    repeats of the updated cache are those of a cache built afresh."""
    import subprocess

    corpus = tmp_path / "corpus"
    subprocess.run([sys.executable, str(BENCH / "make_corpus.py"), "--out", str(corpus), "--mb", "0.4", "--seed", "7",
                    "--per-dir", "0"], check=True, capture_output=True)
    files = sorted(corpus.glob("*.txt"))
    # an item with no text (no content key: a source line with only the next teaser's
    # headline under it): its group is its own
    files[1].write_text(f"Iran Focus\n\nDrivers strike\n\n{TEASER_T.format(year='')}", encoding="utf-8")
    before = _settled(corpus, tmp_path / "kept", monkeypatch)
    assert before["keyless"]
    Path(before["keyless"][0][0]).write_text("", encoding="utf-8")
    for k, (f, how) in enumerate(zip(files[3::5], ["rewrite", "drop", "add", "caption", "empty"], strict=False)):
        text = f.read_text(encoding="utf-8", errors="replace")
        paras = text.split("\n\n")
        if how == "rewrite":
            text = text.replace(" the ", " a ", 5)
        elif how == "drop":
            text = "\n\n".join(paras[: len(paras) // 2])
        elif how == "add":
            text += "\n\nIran Focus\n\nLondon, 03 Mar - " + " ".join(paras[-1].split()[:40]) + "\n"
        elif how == "caption":
            text = text.replace("Iran", "Irran", 1)
        else:
            text = ""
        f.write_text(text, encoding="utf-8")
        os.utime(f, ns=(10**18 + k, 10**18 + k))
    (corpus / "zzzz.txt").write_text(files[0].read_text(encoding="utf-8", errors="replace"), encoding="utf-8")
    years = {files[4].name: 2016}  # its copies now prove that year: their stories' dates change
    kept = _settled(corpus, tmp_path / "kept", monkeypatch, years)
    fresh = _settled(corpus, tmp_path / "fresh", monkeypatch, years)
    for name in SETTLED:
        assert kept[name] == fresh[name], name
    assert kept["repeats"] and kept["story_lent"]


OTHER = ("Iran Focus\n\nLondon, 05 Mar 2018 - Teachers rallied outside the parliament in Tehran demanding the release "
         "of their jailed colleagues and an end to the arrests of union members in several provinces.\n")


def test_a_story_renamed_by_an_edit_leaves_no_conflict_behind(tmp_path, monkeypatch):
    """Copies dated two ways make a story whose dates disagree; when an earlier page,
    edited in place, gains a copy, the story takes that page's id, and only the new id
    is marked, as in a fresh build."""
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.txt").write_text(OTHER)
    (corpus / "b.txt").write_text(LONG.format(year=" 2018", many="Thousands"))
    (corpus / "c.txt").write_text(LONG.format(year=" 2017", many="Hundreds"))
    assert _settled(corpus, tmp_path / "kept", monkeypatch)["story_conflicts"] == [("b#1",)]
    (corpus / "a.txt").write_text(OTHER + "\n" + LONG.format(year="", many="Thousands"))
    os.utime(corpus / "a.txt", ns=(10**18, 10**18))
    kept, fresh = _settled(corpus, tmp_path / "kept", monkeypatch), _settled(corpus, tmp_path / "fresh", monkeypatch)
    assert kept == fresh and kept["story_conflicts"] == [("a#2",)]


HEADLINE = ("Truck drivers in Isfahan and Shiraz stayed off the roads for a third day over the price of diesel "
            "and insurance")


@pytest.mark.parametrize("first", ["headline", "teaser"])
def test_a_key_is_sketched_from_a_copy_with_a_body(tmp_path, monkeypatch, first):
    """An article of a headline alone is keyed by its headline; a teaser whose body is
    those words has the same key. The key's sketch comes from a copy with a body,
    whichever was stored first, so after edits that swap one copy for the other, and
    one that adds the teaser beside the headline, the stories are a fresh build's."""
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "c.txt").write_text(f"Iran Focus\n\nLondon, 20 Feb 2018 - {HEADLINE}, their union said in a statement "
                                  "sent to reporters on Monday, as queues grew at fuel stations across the south.\n")
    copies = {"headline": f"{HEADLINE}\n\n{HEADLINE}\n\nIran Focus\n\n", "teaser": f"Iran Focus\n\nLondon, 20 Feb - {HEADLINE}\n"}
    other = "teaser" if first == "headline" else "headline"
    for k, (name, text) in enumerate([("a", copies[first]), ("a", copies[other]), ("a", copies[first]),
                                      ("b", copies["teaser"] if first == "headline" else copies["headline"])]):
        (corpus / f"{name}.txt").write_text(text)
        os.utime(corpus / f"{name}.txt", ns=(10**18 + k, 10**18 + k))
        kept, fresh = _settled(corpus, tmp_path / "kept", monkeypatch), _settled(corpus, tmp_path / f"fresh{k}", monkeypatch)
        assert kept == fresh, k
    stories = {row[0].split("#")[0]: row[2] for row in kept["items"]}
    assert stories["a"] == stories["b"] == stories["c"]


def test_years_settled_since_are_those_of_a_fresh_build(tmp_path, monkeypatch):
    """While the era and the user's years stay as they were, an update weighs only the
    pages stored since and the pages that wait on teasers dated elsewhere: after each of
    a run of edits (a page's written years changed or struck out, a page copied, one
    removed), every page's year, reason and votes and every item's date are those of a
    cache built afresh."""
    import random
    import re
    import subprocess

    from iranfocus_cli.store import Store

    calls = {"since": 0}
    since = Store._settle_waiting

    def counted(self, *a):
        calls["since"] += 1
        return since(self, *a)

    monkeypatch.setattr(Store, "_settle_waiting", counted)
    corpus = tmp_path / "corpus"
    subprocess.run([sys.executable, str(BENCH / "make_corpus.py"), "--out", str(corpus), "--mb", "0.5", "--seed", "11",
                    "--per-dir", "0"], check=True, capture_output=True)
    rng = random.Random(5)
    years = {sorted(corpus.glob("*.txt"))[-1].name: 2016}  # set by the user throughout
    _settled(corpus, tmp_path / "kept", monkeypatch, years)
    for k in range(8):
        files = sorted(corpus.glob("*.txt"))
        f = rng.choice(files)
        text = f.read_text(encoding="utf-8", errors="replace")
        how = k % 4
        if how == 0:  # a written year struck out
            text = re.sub(r"\b(20\d\d)\b", "", text, count=3)
        elif how == 1:  # a written year changed
            text = re.sub(r"\b2018\b", "2017", text, count=2)
        if how == 2:  # a page copied under a new name
            (corpus / f"copy{k}.txt").write_text(text, encoding="utf-8")
        elif how == 3 and f.name not in years:  # a page removed
            f.unlink()
        else:
            f.write_text(text, encoding="utf-8")
            os.utime(f, ns=(10**18 + k, 10**18 + k))
        kept = _settled(corpus, tmp_path / "kept", monkeypatch, years)
        fresh = _settled(corpus, tmp_path / f"fresh{k}", monkeypatch, years)
        for name in SETTLED:
            assert kept[name] == fresh[name], (k, name)
    assert calls["since"] >= 4
