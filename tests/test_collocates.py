"""Collocates: the pure measures on hand-made token lists, and the command on a tiny
hand-made corpus whose log-likelihood and MI are worked out by hand."""

from __future__ import annotations

import json
import math
from collections import Counter

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from iranfocus_cli.cli import cli
from iranfocus_cli.collocates import count_windows, find_collocates, node_forms, tokens


def test_collocates_measures_match_the_hand_computation():
    texts = ["alpha beta node gamma", "delta node beta"]
    freq = Counter(tok for t in texts for tok in tokens(t))
    n = sum(freq.values())                                  # 7 tokens
    got = {c.word: c for c in find_collocates(texts, "node", frequency=freq, corpus_tokens=n, window=1, min_count=1)}
    beta = got["beta"]
    w = 4                                                   # tokens inside the windows
    expected = w * 2 / n                                    # E = W * f / N = 8/7
    assert beta.observed == 2 and beta.expected == pytest.approx(expected)
    assert beta.mi == pytest.approx(math.log2(2 / expected))
    e11, e12, e22 = 4 * 2 / 7, 4 * 5 / 7, 3 * 5 / 7        # margins: window 4 of 7 tokens, beta 2 of 7
    ll = 2 * (2 * math.log(2 / e11) + 2 * math.log(2 / e12) + 3 * math.log(3 / e22))
    assert beta.ll == pytest.approx(ll)
    assert list(got) == ["beta", "delta", "gamma"]          # ranked by log-likelihood, then count, then word
    assert "node" not in got and "alpha" not in got


def test_collocates_leave_out_stop_words_unless_asked():
    texts = ["the strike spread to the city", "the strike ended"]
    freq = Counter(tok for t in texts for tok in tokens(t))
    words = [c.word for c in find_collocates(texts, "strike", frequency=freq, corpus_tokens=9, window=2, min_count=1)]
    assert "the" not in words and "spread" in words
    kept = find_collocates(texts, "strike", frequency=freq, corpus_tokens=9, window=2, min_count=1, keep_stop_words=True)
    assert "the" in [c.word for c in kept]


def test_tokens_are_cut_as_the_text_index_cuts_them():
    assert tokens("Khamenei\u2019s “Office”, Gérard DEPREZ 2018_x") == ["khamenei", "s", "office", "gerard", "deprez",
                                                                       "2018", "x"]


def test_overlapping_windows_count_a_token_once_and_never_the_node():
    win = count_windows(["a node b node c d"], node_forms("node"), 2)
    assert (win.tokens, win.occurrences, win.texts) == (4, 2, 1) and win.observed == Counter("abcd")
    win = count_windows(["node node x", "y node"], node_forms("node"), 1)
    assert (win.tokens, win.occurrences, win.texts, win.observed) == (2, 3, 2, Counter("xy"))


def test_the_longest_form_wins_and_forms_do_not_overlap():
    forms = node_forms(["Rouhani", "Hassan Rouhani", "President Hassan Rouhani's"])
    assert forms[0] == ["president", "hassan", "rouhani", "s"]
    text = "President Hassan Rouhani’s aide said Rouhani and Hassan\nRouhani met Rouhanis"
    win = count_windows([text], forms, 1)
    assert win.occurrences == 3 and win.observed == Counter(["aide", "said", "and", "met"])


def oracle(texts, forms, window):
    """The windows worked out token by token: every occurrence, longest form first."""
    observed, size = Counter(), 0
    for text in texts:
        toks, k, spans = tokens(text), 0, []
        while k < len(toks):
            f = next((f for f in forms if toks[k:k + len(f)] == f), None)
            if f:
                spans.append((k, k + len(f)))
            k += len(f) if f else 1
        hits = {p for s, e in spans for p in range(s, e)}
        near = {p for s, e in spans for p in [*range(max(0, s - window), s), *range(e, min(len(toks), e + window))]}
        near -= hits
        size += len(near)
        observed.update(toks[p] for p in near)
    return observed, size


words = st.sampled_from(["node", "Node", "nöde", "NÖDE", "x", "y", "the", "big", "node's", "bignode", "zz" * 40, "İran",
                        "straße", "e\u0301", "\u00bdnode", "٣"])
seps = st.sampled_from([" ", "  ", "\n", ", ", "’", "-", "_", " "])


@given(st.lists(st.lists(st.tuples(words, seps), max_size=30), max_size=4), st.integers(1, 4),
       st.sampled_from([["node"], ["big node", "node"], ["node s"]]))
@settings(max_examples=300, deadline=None)
def test_windows_cut_around_each_occurrence_are_those_of_the_whole_token_list(parts, window, node):
    texts = ["".join(w + s for w, s in p) for p in parts]
    forms = node_forms(node)
    win = count_windows(texts, forms, window)
    assert (win.observed, win.tokens) == oracle(texts, forms, window)


# --- the command on a tiny corpus --------------------------------------------------------

TINY = ("Iran Focus\n\nLondon, 02 Feb - Alpha beta node gamma.\n\n"
        "Iran Focus\n\nLondon, 03 Feb - Delta node beta.\n\n"
        "Beta headline here\n\nIran Focus\n\nLondon, 04 Feb - Epsilon zeta beta.\n")


def test_collocates_command_gives_the_hand_computed_figures(tmp_path):
    (tmp_path / "page.txt").write_text(TINY)
    r = CliRunner().invoke(cli, ["--corpus", str(tmp_path), "collocates", "node", "--window", "1", "--min", "1",
                                 "--json"], catch_exceptions=False)
    assert r.exit_code == 0, r.stderr
    got = {x["word"]: x for x in json.loads(r.stdout)}
    # The three items' headlines and bodies hold N = 4 + 3 + (3 + 3) = 13 tokens (the
    # dateline place, London, is neither). Windows of one word: beta, gamma | delta, beta:
    # W = 4. beta occurs 4 times in all (once in a headline), 2 of them in the windows.
    n, w, f, o = 13, 4, 4, 2
    e = w * f / n
    assert got["beta"]["observed"] == o and got["beta"]["frequency"] == f
    assert got["beta"]["expected"] == pytest.approx(e, abs=1e-4)
    assert got["beta"]["mi"] == pytest.approx(math.log2(o / e), abs=1e-4)
    cells = [(o, w * f / n), (w - o, w * (n - f) / n), (f - o, (n - w) * f / n), (n - w - f + o, (n - w) * (n - f) / n)]
    assert got["beta"]["ll"] == pytest.approx(2 * sum(x * math.log(x / ex) for x, ex in cells), abs=1e-4)
    # gamma: once in the windows, once in all
    e_g = w * 1 / n
    cells = [(1, e_g), (3, w * 12 / n), (0, 0), (9 - 0, (n - w) * 12 / n)]
    assert got["gamma"]["mi"] == pytest.approx(math.log2(1 / e_g), abs=1e-4)
    assert got["gamma"]["ll"] == pytest.approx(2 * sum(x * math.log(x / ex) for x, ex in cells if x), abs=1e-4)
    # a word seen once in all and once near the node outranks one seen twice of four times
    assert list(got) == ["delta", "gamma", "beta"] and got["delta"]["ll"] > got["beta"]["ll"]
    assert "W" not in r.stderr and "4 token(s) within 1 word(s)" in r.stderr and "13 tokens" in r.stderr
    mi = CliRunner().invoke(cli, ["--corpus", str(tmp_path), "collocates", "node", "--window", "1", "--min", "1",
                                  "--by", "mi", "--csv"], catch_exceptions=False)
    assert mi.stdout.splitlines()[0] == "word,observed,expected,frequency,mi,ll"
    assert [line.split(",")[0] for line in mi.stdout.splitlines()[1:]] == ["delta", "gamma", "beta"]
    stops = CliRunner().invoke(cli, ["--corpus", str(tmp_path), "collocates", "beta", "--window", "3", "--min", "1",
                                     "--json"], catch_exceptions=False)
    assert "here" not in {x["word"] for x in json.loads(stops.stdout)} and "node" in stops.stdout


def test_the_corpus_size_follows_the_corpus_when_a_file_changes(tmp_path):
    page = tmp_path / "page.txt"
    page.write_text(TINY)
    args = ["--corpus", str(tmp_path), "collocates", "node", "--window", "1", "--min", "1", "--json"]
    assert "13 tokens" in CliRunner().invoke(cli, args, catch_exceptions=False).stderr
    page.write_text(TINY + "\nIran Focus\n\nLondon, 05 Feb - Node eta theta beta.\n")
    r = CliRunner().invoke(cli, args, catch_exceptions=False)
    got = {x["word"]: x for x in json.loads(r.stdout)}
    assert "17 tokens" in r.stderr and got["beta"]["frequency"] == 5 and got["eta"]["observed"] == 1
