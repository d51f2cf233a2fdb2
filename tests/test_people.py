"""People: extraction, alias groups, and the hard cases of the issue."""

from __future__ import annotations

from iranfocus_cli.model import Item
from iranfocus_cli.people import (
    build_people,
    count_mentions,
    extract_mentions,
    name_key,
    person_table,
    suggest_merges,
)


def names(text):
    return extract_mentions(text)


def test_honorifics_and_roles_are_dropped():
    assert names("Supreme Leader Ali Khamenei spoke") == ["Ali Khamenei"]
    assert names("US Deputy Assistant Secretary of State Andrew Peek said") == ["Andrew Peek"]
    assert names("Brigadier General Gholam Reza Jalali, the chief") == ["Gholam Reza Jalali"]
    assert names("chaired by MEP Gérard Deprez.") == ["Gérard Deprez"]
    assert names("Mrs. Maryam Rajavi and Mr. Newt Gingrich") == ["Maryam Rajavi", "Newt Gingrich"]


def test_stop_lists_keep_out_places_organisations_slogans():
    # at most bare words, which only count as the surname of someone named in full
    assert all(m.startswith("?") and " " not in m
               for m in names("Iran Focus reports from the European Parliament and the Revolutionary Guards"))
    assert names("the Supreme Leader said Free Iran") == []


def test_possessive_and_surname_alone():
    assert names("Khamenei\u2019s office") == ["?Khamenei"]
    assert names("Mr Mohaddessin was a prisoner") == ["!Mohaddessin"]


def test_apposition_and_given_names():
    assert names("Heshmat Alavi, a Human Rights Activist") == ["Heshmat Alavi"]
    assert names("Whereas Barack Obama favoured dialogue") == ["Barack Obama"]


def test_transliteration_keys_agree():
    assert name_key("Hassan Rouhani")[-1] == name_key("Rohani")[-1]
    assert name_key("Jannati") == name_key("Janati")
    assert name_key("Mohammad") == name_key("Mohammed") == name_key("Muhammad")
    assert name_key("Alii Khamenei") == name_key("Ali Khamenei")


def _items(*texts):
    return [Item(id=f"p#{k}", kind="article", source="p", line_start=1, line_end=1, title=None, byline=None,
                 place=None, date=None, date_text=None, year_basis=None, text=t,
                 mentions=tuple(extract_mentions(t))) for k, t in enumerate(texts, 1)]


def test_groups_merge_variants_without_alias_file():
    items = _items("Supreme Leader Ali Khamenei spoke.", "Supreme Leader Alii Khamenei too.",
                   "Khamenei\u2019s office.", "Mohammed Ali Jafari threatened.", "Ali Jafari, commander.",
                   "President Hassan Rouhani.", "the Rohani government", "Mullah Ahmad Jannati", "Janati added")
    people = build_people(count_mentions(it.mentions for it in items))
    got = [people.names_for(it.mentions) for it in items]
    assert got == [("Ali Khamenei",), ("Ali Khamenei",), ("Ali Khamenei",), ("Mohammed Ali Jafari",),
                   ("Mohammed Ali Jafari",), ("Hassan Rouhani",), ("Hassan Rouhani",), ("Ahmad Jannati",),
                   ("Ahmad Jannati",)]


def test_surname_prefers_the_full_name_in_the_same_item():
    items = _items("Maryam Rajavi spoke. Rajavi said.", "Massoud Rajavi led. Rajavi wrote.", "Massoud Rajavi again.",
                   "Rajavi alone")
    people = build_people(count_mentions(it.mentions for it in items))
    assert people.names_for(items[0].mentions) == ("Maryam Rajavi",)
    assert people.names_for(items[1].mentions) == ("Massoud Rajavi",)
    assert people.names_for(items[3].mentions) == ("Massoud Rajavi",)  # the corpus's most mentioned


def test_alias_file_forces_merge_and_split(tmp_path):
    f = tmp_path / "aliases.toml"
    f.write_text('[merge]\n"Ali Khamenei" = ["Seyed Khamenei"]\n[split]\n"Ali Jafari" = ["Mohammed Ali Jafari"]\n')
    items = _items("Ayatollah Ali Khamenei", "Mr Seyed Khamenei", "Mohammed Ali Jafari", "Ali Jafari")
    people = build_people(count_mentions(it.mentions for it in items), aliases=str(f))
    got = [people.names_for(it.mentions) for it in items]
    assert got[2] == ("Mohammed Ali Jafari",) and got[3] == ("Ali Jafari",)


def test_person_table_and_suggestions():
    items = _items("Ali Khamenei and Donald Trump", "Khamenei again", "Maryam Rajavi", "Massoud Rajavi")
    people = build_people(count_mentions(it.mentions for it in items))
    items = [i.__class__(**{**i.__dict__, "people": people.names_for(i.mentions)}) for i in items]
    rows = person_table(people, items)
    top = rows[0]
    assert top.name == "Ali Khamenei" and top.mentions == 2 and top.items == ["p#1", "p#2"]
    pairs = suggest_merges(people)
    assert any({a, b} == {"Maryam Rajavi", "Massoud Rajavi"} for a, b, _ in pairs)


def test_seed_people(seed_corpus):
    people = build_people(count_mentions(it.mentions for it in seed_corpus.items))
    rows = {r.name: r for r in person_table(people, seed_corpus.items)}
    for n in ["Ali Khamenei", "Hassan Rouhani", "Maryam Rajavi", "Donald Trump", "John Bolton", "Andrew Peek",
              "Mohammed Ali Jafari", "Ahmad Jannati", "Gérard Deprez", "Pooya Stone", "Jubin Katiraie"]:
        assert n in rows, n
    assert "Alii Khamenei" in rows["Ali Khamenei"].variants
    assert {"Rohani", "Rouhani"} <= set(rows["Hassan Rouhani"].variants)
    for bad in ["Iran Focus", "Free Iran", "Supreme Leader", "European Parliament", "Revolutionary Guards"]:
        assert bad not in rows
