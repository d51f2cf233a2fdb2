"""People: each family of names the extractor must know, on inline strings.

The names here are not on the seeds or the real pages: the extractor has to
find them from how names work, not from a list of people.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from iranfocus_cli.model import Item
from iranfocus_cli.people import (
    AliasRules,
    PersonNotFound,
    alias_rules,
    build_people,
    byline_names,
    count_mentions,
    extract_mentions,
    item_mentions,
    name_key,
    person_table,
    query_name,
    read_aliases,
)


def full(text: str, **kw) -> list[str]:
    """The mentions that name a person on their own (no bare words, no candidates)."""
    return [m for m in extract_mentions(text, **kw) if m[:1] not in "?!"]


def _items(*texts: str) -> list[Item]:
    return [Item(id=f"p#{k}", kind="article", source="p", line_start=1, line_end=1, title=None, byline=None,
                 place=None, date=None, date_text=None, year_basis=None, text=t,
                 mentions=item_mentions(None, None, t, "article")) for k, t in enumerate(texts, 1)]


def _people(*texts: str):
    items = _items(*texts)
    return build_people(count_mentions(it.mentions for it in items)), items


# --- particles ------------------------------------------------------------------------

@pytest.mark.parametrize("text, name", [
    ("The army of Syrian dictator Basil al-Khatib shelled the town.", "Basil al-Khatib"),
    ("Crown Prince Tamim bin Hamad met the envoy.", "Tamim bin Hamad"),
    ("President Abd Rabbo Mansour al-Mahdi lives in exile.", "Abd Rabbo Mansour al-Mahdi"),
    ("Foreign Minister Adel el-Naggar said it.", "Adel el-Naggar"),
    ("Mayor Pieter van der Berg spoke.", "Pieter van der Berg"),
    ("Senator Luiz da Costa wrote a letter.", "Luiz da Costa"),
])
def test_particles_stay_inside_the_name(text, name):
    assert full(text) == [name]


def test_a_capitalised_particle_joins_a_name_but_does_not_start_one():
    assert full("Emir Hamad bin Khalifa Al Nasser spoke.") == ["Hamad bin Khalifa Al Nasser"]
    assert full("Al Arabiya said and Al-Tanf was hit.") == []


# --- roles, titles and nationalities in front -------------------------------------------

@pytest.mark.parametrize("text, name", [
    ("according to highway police deputy chief Farshid Tavakoli.", "Farshid Tavakoli"),
    ("UN rapporteur Amina Kovac said the report was late.", "Amina Kovac"),
    ("the Iranian-born astronaut Darya Khosravan read a statement", "Darya Khosravan"),
    ("after the release of his wife, Roxana Eskandari Pour.", "Roxana Eskandari Pour"),
    ("Iranian human rights lawyer, Parvin Daneshpour, said", "Parvin Daneshpour"),
    ("Norway's Foreign Minister Sindre Haugland accused Iran.", "Sindre Haugland"),
    ("the deputy interior minister K.R Bagheri said", "K.R Bagheri"),
])
def test_a_role_word_before_makes_a_person_and_stays_out_of_the_name(text, name):
    assert full(text) == [name]


def test_a_verb_or_a_nationality_in_front_is_not_part_of_the_name():
    got = extract_mentions("\u201cWe stand with you.\u201d Added Lindqvist, addressing the crowd.")
    assert got == ["?Lindqvist"]
    assert extract_mentions("Briton Fairweather spent part of his captivity in Iran.") == ["?Fairweather"]


def test_a_monarch_keeps_the_title_with_a_single_name():
    assert extract_mentions("He and Jordanian King Faisal said so.") == ["King Faisal"]
    assert extract_mentions("Crown Prince Faisal bin Turki spoke.") == ["Faisal bin Turki"]


def test_a_surname_after_a_title_is_marked_as_a_person():
    assert extract_mentions("Mr Lindqvist, a former Army colonel, spoke.") == ["!Lindqvist"]
    assert extract_mentions("Kazemzadeh, the head of the Guardian Council, announced") == ["!Kazemzadeh"]


def test_a_capitalised_word_before_an_organisation_word_is_not_a_person():
    assert full("the Foreign Relations Committee and the Foreign Terrorist Organization") == []
    assert [m for m in extract_mentions("a Protest Gathering in Khourasgan Square") if m[0] == "!"] == []


# --- given names from any culture, by the evidence in the text ---------------------------

@pytest.mark.parametrize("text, name", [
    ("Torvald Eikeland told the news agency that tourism suffered.", "Torvald Eikeland"),
    ("Behrooz Kashanipour, 72, is a former governor.", "Behrooz Kashanipour"),
    ("Dariela Mendonca, a senior correspondent, wrote an op-ed.", "Dariela Mendonca"),
    ("Teodor Wierzba writes that the regime is weak.", "Teodor Wierzba"),
    ("\u201cIt is over,\u201d said Olaug Brekke, an analyst at the institute.", "Olaug Brekke"),
    ("According to Fariborz Sarmadi, the deal is dead.", "Fariborz Sarmadi"),
    ("Kiarash Yazdanpour is accused of spying.", "Kiarash Yazdanpour"),
    ("Suha al-Kurdi a nine year-old girl tweeted from the city.", "Suha al-Kurdi"),
    ("Yasaman Ahmadvand, Vice President for Women, said", "Yasaman Ahmadvand"),
])
def test_an_unknown_given_name_is_found_from_the_context(text, name):
    assert full(text) == [name]


def test_a_person_listed_with_another_is_a_person():
    assert full("the former ministers Bernard Kouchner and Tovah Lindgren") == ["Bernard Kouchner", "Tovah Lindgren"]


def test_a_place_named_after_a_person_is_not_a_mention_of_them():
    assert full("Amir Kabir University students gathered near Imam Khomeini Airport.") == []
    assert full("the Bashar al-Assad Regime") == ["Bashar al-Assad"]


def test_a_headline_line_in_the_body_ends_the_name_before_its_verb():
    text = "Latest news\n\nKayhan Chief Editor Hossein Shariatmadari Threatens Europe\n\nRead more"
    assert full(text) == ["Hossein Shariatmadari"]
    assert full("He met Pooya Williams and Reza Adams today.") == ["Pooya Williams", "Reza Adams"]


def test_without_evidence_a_name_is_only_a_candidate():
    assert extract_mentions("The ceremony in Qasr Ebrahim drew crowds.")[0].startswith("?")


def test_organisations_with_a_person_verb_are_not_people():
    text = ("Tasnim News Agency said it. Asharq Al-Awsat reported that Jaish al-Adl claimed the attack. "
            "Popular Mechanics said the tank was old. Hayat Tahrir al-Sham said. Jahan-e Sanat wrote. "
            "Human Rights Watch said. Operation Eternal Light began. Shahid Beheshti University students protested.")
    assert full(text) == []


def test_the_corpus_confirms_a_candidate_whose_surname_it_knows():
    people, items = _people("President Basil al-Khatib spoke.", "Les partisans de Bassil El Khatib.")
    assert people.names_for(items[1].mentions) == ("Basil al-Khatib",)


def test_a_headline_that_is_only_a_name_names_a_person():
    assert item_mentions("Nikander Moltova", None, "Iran is trying to break the ceasefire.", "article") == (
        "Nikander Moltova",)
    assert all(m.startswith("?") and " " not in m
               for m in item_mentions("Hunger Strikers Are Perplexing Iran Regime", None, "", "article"))


# --- bylines -----------------------------------------------------------------------------

@pytest.mark.parametrize("text, name", [
    ("By Farzin Hashemzadeh An Iranian official said on Tuesday", "Farzin Hashemzadeh"),
    ("By Farzin Hashemzadeh Seventeen workers were injured", "Farzin Hashemzadeh"),
    ("By Damon McAllister, Foreign Affairs Correspondent", "Damon McAllister"),
    ("quotes the story byGwyneth Sollis of the Weekly Standard", "Gwyneth Sollis"),
    ("PAR CLAUDINE MORVAN\n\nLe rassemblement annuel", "Claudine Morvan"),
    ("By: Mansoor Daraei\nThe regime is weak.", "Mansoor Daraei"),
    ("The end.\nWritten by Mansoor Daraei\nThe regime is weak.", "Mansoor Daraei"),
])
def test_a_byline_in_the_text_ends_at_the_name(text, name):
    assert full(text) == [name]


@pytest.mark.parametrize("byline, name", [
    ("Farzin Hashemzadeh", "Farzin Hashemzadeh"),
    ("By DAMON MCALLISTER, Foreign Affairs Correspondent", "Damon Mcallister"),
    ("Farzin Hashemzadeh Seventeen", "Farzin Hashemzadeh"),
    ("Staff Writer", None),
    ("By: Hamid al-Sulami, Reuters", "Hamid al-Sulami"),
])
def test_the_byline_field_gives_the_name_alone(byline, name):
    got = item_mentions(None, byline, "", "article")
    assert got == ((name,) if name else ())


def test_a_byline_with_two_authors_gives_both():
    assert byline_names("By DAMON KEMP and Lea Roth, Correspondents") == ["Damon Kemp", "Lea Roth"]


# --- word shapes ---------------------------------------------------------------------------

def test_internal_capitals_apostrophes_and_initials():
    assert full("Ambassador Sean O'Callaghan met Senator Ron DeVito.") == ["Sean O'Callaghan", "Ron DeVito"]
    assert full("Minister G.H Rostami and Governor J. K. Lindell spoke.") == ["G.H Rostami", "J. K. Lindell"]


def test_a_name_in_capitals_counts_when_a_given_name_vouches_for_it():
    assert full("MARYAM RAJAVI: FREE THE PRISONERS") == ["Maryam Rajavi"]
    assert full("NCRI PMOI SAID THE REGIME IS DONE") == []


def test_possessives_end_a_name_and_start_a_new_run():
    assert full("Denmark's Foreign Minister Sindre Haugland accused Iran.") == ["Sindre Haugland"]
    assert extract_mentions("Khamenei\u2019s office") == ["?Khamenei"]


# --- spellings merged, and only true ones -----------------------------------------------------

def test_transliteration_and_language_variants_share_a_key():
    assert name_key("Bachar El Assad") == name_key("Bashar al-Assad")
    assert name_key("Rowhani")[-1] == name_key("Rouhani")[-1] == name_key("Rohani")[-1]
    assert name_key("Abdulkarim Rahimi") == name_key("Abd al-Karim Rahimi")
    assert name_key("Mohammad-Reza Bahonar") == name_key("Mohammad Reza Bahonar")


def test_variants_merge_into_one_person():
    people, items = _people(
        "Commander Mohammad Ali Jafari said.", "Mohmmad Ali Jaafari, head of the guards, said.",
        "Former minister Giulio Terzi spoke.", "Giulio Maria Terzi, former minister, writes.",
        "Cartoonist Atena Farghadani was jailed.", "Cartoonist Atena Faraghdani was freed.",
        "President Abdulrabbuh Mansur Hadi fled.", "President Abd Rabbu Mansour al-Hadi returned.")
    got = [people.names_for(it.mentions) for it in items]
    assert got[0] == got[1] == ("Mohammad Ali Jafari",)
    assert got[2] == got[3] == ("Giulio Maria Terzi",)
    assert got[4] == got[5]
    assert got[6] == got[7]


def test_a_short_given_name_is_the_full_one():
    people, items = _people("Secretary Mike Pompeo said.", "Secretary Michael Pompeo said.", "Pompeo warned.")
    assert [people.names_for(it.mentions) for it in items] == [("Michael Pompeo",)] * 3


def test_people_who_share_a_surname_stay_apart():
    people, items = _people("Lawmaker Mahmoud Sadeghi spoke. Sadeghi said.",
                            "Activist Arash Sadeghi ended his strike. Sadeghi is free.",
                            "Commander Mohammad Ali Jafari spoke. Jafari warned.",
                            "Athlete Shahin Jafari, a medalist, sells goods. Jafari, who set a record.")
    got = [people.names_for(it.mentions) for it in items]
    assert got == [("Mahmoud Sadeghi",), ("Arash Sadeghi",), ("Mohammad Ali Jafari",), ("Shahin Jafari",)]
    rows = {r.name: r for r in person_table(people, items)}
    assert "Jafari" in rows["Shahin Jafari"].variants and "Jafari" in rows["Mohammad Ali Jafari"].variants


def test_a_surname_alone_goes_to_the_item_then_the_page_then_the_corpus():
    people, items = _people("Lawmaker Mahmoud Sadeghi spoke.", "Lawmaker Mahmoud Sadeghi again.",
                            "Activist Arash Sadeghi ended his strike.", "Sadeghi is free.")
    assert people.names_for(items[3].mentions) == ("Mahmoud Sadeghi",)  # the corpus's most mentioned
    assert people.names_for(items[3].mentions, page=items[2].mentions) == ("Arash Sadeghi",)
    both = items[2].mentions + items[3].mentions
    assert people.names_for(both, page=items[0].mentions) == ("Arash Sadeghi",)


def test_the_listed_name_does_not_depend_on_the_order_of_the_texts():
    texts = ["Former minister Giulio Terzi spoke.", "Giulio Maria Terzi writes.", "Terzi said.",
             "Mohmmad Ali Jaafari, head of the guards, said.", "Commander Mohammad Ali Jafari said."]
    a, _ = _people(*texts)
    b, _ = _people(*reversed(texts))
    assert sorted(p.name for p in a.persons) == sorted(p.name for p in b.persons)


# --- the query side -------------------------------------------------------------------------

def test_a_query_folds_titles_and_spellings_like_the_corpus():
    people, _ = _people("Supreme Leader Ali Khamenei spoke.", "President Hassan Rouhani spoke.",
                        "Maryam Rajavi, the NCRI leader, said.")
    for q, name in [("Ayatollah Khamenei", "Ali Khamenei"), ("President Rouhani", "Hassan Rouhani"),
                    ("Mrs. Rajavi", "Maryam Rajavi"), ("Rowhani", "Hassan Rouhani"), ("rohani", "Hassan Rouhani"),
                    ("Supreme Leader Ali Khamenei", "Ali Khamenei")]:
        assert people.persons[people.find(q)].name == name, q
    assert query_name("Ayatollah Khamenei") == "Khamenei"


def test_a_name_that_matches_nobody_says_so_without_an_unrelated_suggestion():
    people, _ = _people("Supreme Leader Ali Khamenei spoke.", "Maryam Rajavi, the NCRI leader, said.")
    with pytest.raises(PersonNotFound) as e:
        people.find("Zzyzx Quorra")
    assert "did you mean" not in str(e.value) and e.value.exit_code == 1
    with pytest.raises(PersonNotFound) as e:
        people.find("Maryam")
    assert "did you mean Maryam Rajavi?" in str(e.value)
    with pytest.raises(PersonNotFound) as e:
        people.find("Ali Khamenay Rajavi")
    assert "did you mean" in str(e.value)


# --- aliases are data -----------------------------------------------------------------------

def test_alias_rules_are_data_and_the_file_is_read_apart(tmp_path):
    rules = alias_rules({"merge": {"Ali Khamenei": ["Seyed Khamenei"]}, "split": {}})
    assert rules == AliasRules({"Ali Khamenei": ["Seyed Khamenei"]}, {})
    f = tmp_path / "aliases.toml"
    f.write_text('[merge]\n"Ali Khamenei" = "Seyed Khamenei"\n')
    assert read_aliases(str(f)) == rules
    assert read_aliases(None) == AliasRules()
    items = _items("Ayatollah Ali Khamenei", "Mr Seyed Khamenei")
    people = build_people(count_mentions(it.mentions for it in items), aliases=rules)
    assert [people.names_for(it.mentions) for it in items] == [("Ali Khamenei",), ("Ali Khamenei",)]


# --- never crashes, order never matters ---------------------------------------------------------

_WORDS = st.sampled_from(["Ali", "Khamenei", "al-Assad", "bin", "Mr", "President", "said", "the", "By", "PAR", "BY",
                          "O'Brien", "M.H", "Dr.", "and", ",", ".", "’s", "Iran", "Rouhani", "Rohani", "a", "lawyer",
                          "Zolf", "\n", "\u00a0", "–", "Jr.", "El", "X", "de", "U.S.", "Rajavi", "Mrs.", "head"])


@given(st.lists(_WORDS, max_size=40).map(" ".join) | st.text(max_size=200))
@settings(max_examples=300, deadline=None)
def test_extraction_never_crashes_and_gives_mention_strings(text):
    got = item_mentions(text[:30], text[:20], text, "article")
    assert all(isinstance(m, str) and m and m.strip() == m for m in got)
    people = build_people(count_mentions([got]))
    assert len(people.names_for(got)) <= len(got)


@given(st.lists(st.lists(_WORDS, min_size=1, max_size=12).map(" ".join), min_size=1, max_size=6), st.randoms())
@settings(max_examples=100, deadline=None)
def test_the_groups_do_not_depend_on_the_order_of_the_items(texts, rnd):
    mentions = [item_mentions(None, None, t, "article") for t in texts]
    a = build_people(count_mentions(mentions))
    shuffled = mentions[:]
    rnd.shuffle(shuffled)
    b = build_people(count_mentions(shuffled))
    assert sorted(p.name for p in a.persons) == sorted(p.name for p in b.persons)
    assert [a.names_for(m) for m in mentions] == [b.names_for(m) for m in mentions]


def test_one_name_after_a_title_in_two_spellings_is_one_person_in_any_order():
    texts = ["Mrs. Rouhani said so.", "Mrs. Rohani said so."]
    for order in (texts, texts[::-1]):
        people = build_people(count_mentions([item_mentions(None, None, t, "article") for t in order]))
        assert [(p.name, dict(p.variants)) for p in people.persons] == [("Rohani", {"Rohani": 1, "Rouhani": 1})]
