"""The shareable report: one self-contained HTML document for a filtered subset. Pure.

The reader of a report is not at a terminal: an editor, a fact-checker, someone on a
phone. The file is mailed around and opened from disk, so three things shape it.

* **Nothing from the corpus can become markup.** Every string the caller hands in
  (corpus text, ids, people, the command line) goes through ``_text``: HTML-escaped,
  and every control character, bidi override, lone surrogate or noncharacter is shown
  as a visible ``U+202E`` tag, so nothing can hide, reorder or break the page. Corpus
  text only ever lands in element content, never in an attribute; the only attributes
  built from data are fragment ids, which ``fragment_id`` maps one to one onto
  ``i-[A-Za-z0-9._-]*`` (no fixed id of the page starts with ``i-``), and numbers
  (the ``c1``, ``c2``... of the lists of a story's copies).
* **It loads nothing.** CSS and the one script are inline, and a Content-Security-Policy
  with ``default-src 'none'`` forbids every fetch. The style and the script are allowed
  by their SHA-256 hashes rather than by ``'unsafe-inline'``, so even markup that got
  past the escaping could neither run a script nor add a style. The script only adds
  sorting, filtering and "open the item an anchor points to"; without it every part of
  the page is there (the chart is SVG, the full texts are ``<details>``).
* **It stays small and opens fast.** A row carries no classes and no per-cell
  attributes, optional end tags are left out, the phone layout's labels come from CSS
  (``nth-child``), and a full text is one pre-wrapped block rather than a paragraph
  element per paragraph. Nothing is written twice: a row without a headline shows its
  lead and opens to the rest of the text, and a story's copies are listed once, under
  its first row (anchors ``c1``, ``c2``...), which its other rows point to with one
  short link, since a crawl repeats a teaser on hundreds of pages. The KWIC list stops
  at ``KWIC_LIMIT`` lines and says so. Besides its text, a row costs about 300 bytes, so
  10,000 items stay under 10 MB while their texts average under about 700 characters:
  10,000 items of 600 characters come to 9.6 MB, a generated corpus of 9,958 items
  (665 characters on average, nearly all of them copies in stories) to 9.65 MB, and the
  seeds' items (441 on average) to about 750 bytes an item. The items keep their table
  markup but each row is laid out as its own grid: a browser lays a 10,000-row table
  out again and again while the file streams in (over 5 s here), while grid rows off
  screen skip layout (``content-visibility: auto``) and the page loads in about 2 s.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from html import escape

__all__ = [
    "Copy",
    "ReportData",
    "ReportItem",
    "ReportKwic",
    "ReportPerson",
    "ReportPeriod",
    "ReportTimeline",
    "COPIES_LIMIT",
    "KWIC_LIMIT",
    "fragment_id",
    "render_report",
]


@dataclass(frozen=True)
class ReportPeriod:
    """One bar of the timeline: matching items in the period, out of all the corpus holds there."""

    label: str
    count: int
    total: int
    share: float | None  # count / total; None when the total is not known or is zero


@dataclass(frozen=True)
class ReportTimeline:
    """The timeline of the subset; items with an unknown year or no date stay out of the periods."""

    by: str  # "year", "month", ...
    periods: Sequence[ReportPeriod]
    unknown_year: int
    undated: int


Copy = tuple[str, str, str | None]  # an item of a story: (id, source, relation to the story's fullest item)


@dataclass(frozen=True)
class ReportItem:
    """One matching item, with its full text and the story it belongs to (see ``ReportData.stories``)."""

    id: str
    date: str | None  # ISO date, "--MM-DD" when the year is unknown, None when undated
    year_basis: str | None  # "written", "page", "duplicate", "user" or None
    place: str | None
    title: str | None
    lead: str
    people: Sequence[str]
    source: str
    line_start: int
    line_end: int
    text: str
    story: str | None = None


@dataclass(frozen=True)
class ReportKwic:
    """One keyword-in-context line."""

    item_id: str
    left: str
    match: str
    right: str


@dataclass(frozen=True)
class ReportPerson:
    """A person named in the subset: mentions and the number of items naming them."""

    name: str
    mentions: int
    items: int


@dataclass(frozen=True)
class ReportData:
    """Everything a report shows, already computed; ``render_report`` only lays it out."""

    command: str
    corpus_path: str
    files: int
    fingerprint: str
    made: str
    timeline: ReportTimeline | None
    items: Sequence[ReportItem]
    kwic: Sequence[ReportKwic]
    people: Sequence[ReportPerson]
    notes: Sequence[str] = ()
    title: str = "Iran Focus corpus report"
    # Every item of each story the items belong to, in corpus order: listed once per story.
    stories: Mapping[str, Sequence[Copy]] = field(default_factory=dict)


# C0/C1 controls (tab and newline stay), bidi embeddings, overrides, isolates and
# marks, line/paragraph separators, BOM, interlinear annotations, noncharacters and
# lone surrogates (a lone surrogate would also make the file unencodable).
_UNSAFE_RE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069"
    "\ufeff\ufff9-\ufffb\ufdd0-\ufdef\ufffe\uffff\ud800-\udfff]"
)
_FRAGMENT_KEEP = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_")
# A KWIC list longer than this is cut (and says so): past it, the lines are no longer
# read one by one, and 10,000 of them would add 2 MB to the file.
KWIC_LIMIT = 500
# A story a crawl repeated on many pages lists its first copies only.
COPIES_LIMIT = 10
_BAR_SHARE = 56  # percent of the chart's width that the bars span

_YEAR_BASIS = {
    "written": "year written",
    "page": "year from its page",
    "duplicate": "year from a copy",
    "user": "year given by the user",
}
_RELATION = {
    "same": "exact copy",
    "near": "near copy",
    "teaser_of": "teaser",
    "full_of": "full article",
}


def _code_point(m: re.Match[str]) -> str:
    return f'<span class="cc">U+{ord(m.group()):04X}</span>'


def _text(s: str) -> str:
    """Any string as HTML element content: escaped, with unsafe characters shown as tags."""
    return _UNSAFE_RE.sub(_code_point, escape(s, quote=True))


def _plain(s: str) -> str:
    """Like ``_text``, for places that show text only (``<title>``, tooltips): unsafe characters as "U+202E"."""
    return _UNSAFE_RE.sub(lambda m: f"U+{ord(m.group()):04X}", escape(s, quote=True))


def fragment_id(item_id: str) -> str:
    """A safe HTML id for an item id, one to one: ASCII letters, digits and '_' kept, '#' as '-', all else '.hex.'."""
    return "i-" + "".join(c if c in _FRAGMENT_KEEP else "-" if c == "#" else f".{ord(c):x}." for c in item_id)


def _num(n: int) -> str:
    return f"{n:,}"


def _percent(share: float | None) -> str:
    if share is None:
        return ""
    if 0 < share < 0.001:
        return "<0.1%"
    return f"{share * 100:.1f}%"


_CSS = """\
:root{--fg:#1c2430;--mute:#5d6976;--line:#dfe4ea;--soft:#f3f5f8;--acc:#1d5c8c;--bar:#2f6fa8;--mark:#ffe27a}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;color:var(--fg);background:#fff;\
font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue","Liberation Sans",Arial,sans-serif}
.w{max-width:1200px;margin:0 auto;padding:0 24px}
header{background:var(--soft);border-bottom:1px solid var(--line);padding:22px 0 14px}
.kicker{margin:0;color:var(--acc);font-weight:700;font-size:.75rem;letter-spacing:.09em;text-transform:uppercase}
h1{font-size:1.65rem;line-height:1.2;margin:.15em 0 .55em}
h2{font-size:1.2rem;margin:0 0 .75em}
h2 small{color:var(--mute);font-weight:400;font-size:.85rem;margin-left:.4em}
code,pre{font-family:ui-monospace,"SFMono-Regular",Menlo,Consolas,"DejaVu Sans Mono","Liberation Mono",monospace}
.cmd{margin:0 0 14px;padding:10px 14px;background:#1c2430;color:#e9eef4;border-radius:6px;\
font-size:13px;line-height:1.45;white-space:pre-wrap;overflow-wrap:anywhere}
.cmd::before{content:"$ ";color:#8fa3b8}
.meta{display:grid;grid-template-columns:repeat(auto-fit,minmax(150px,1fr));gap:6px 28px;margin:0}
.meta dt{font-size:.7rem;color:var(--mute);text-transform:uppercase;letter-spacing:.06em}
.meta dd{margin:0;overflow-wrap:anywhere}
.meta code{font-size:.85rem}
nav{margin-top:14px;display:flex;flex-wrap:wrap;gap:6px 8px}
nav a{color:var(--acc);text-decoration:none;border:1px solid var(--line);background:#fff;border-radius:999px;\
padding:2px 12px;font-size:.85rem}
nav a strong{font-weight:600}
section{padding:24px 0 8px}
section+section{border-top:1px solid var(--line)}
a{color:var(--acc)}
.tl{display:flex;flex-wrap:wrap;gap:16px 32px;align-items:flex-start}
.chart{flex:1 1 460px;min-width:0;max-width:720px;margin:0}
.chart svg{display:block;width:100%;overflow:visible}
.chart text{font-size:12.5px;fill:var(--fg)}
.chart .v{fill:var(--mute);font-variant-numeric:tabular-nums}
.chart .t{fill:var(--soft)}
.chart .b{fill:var(--bar)}
.chart figcaption{font-size:.8rem;color:var(--mute);margin-top:6px}
.side{flex:0 1 250px;margin:0;border:1px solid var(--line);border-radius:8px;padding:10px 16px;font-size:.9rem}
.side div{display:flex;justify-content:space-between;gap:12px;padding:3px 0}
.side div+div{border-top:1px dashed var(--line)}
.side dt{color:var(--mute)}
.side dd{margin:0;font-weight:600;font-variant-numeric:tabular-nums}
.tools{min-height:0;margin:0 0 10px;display:flex;gap:12px;align-items:center;flex-wrap:wrap;font-size:.85rem;color:var(--mute)}
.tools input{font:inherit;color:var(--fg);padding:6px 10px;border:1px solid #c4ccd5;border-radius:6px;width:min(360px,100%)}
table{border-collapse:collapse;width:100%}
th,td{text-align:left;vertical-align:top;padding:8px 10px;border-bottom:1px solid var(--line);overflow-wrap:anywhere}
th{font-size:.72rem;letter-spacing:.06em;text-transform:uppercase;color:var(--mute);font-weight:600}
th button{font:inherit;color:inherit;letter-spacing:inherit;text-transform:inherit;background:none;border:0;\
padding:0;margin:0;cursor:pointer;text-align:inherit}
th button::after{content:" \\2195";opacity:.35}
th[aria-sort=ascending] button::after{content:" \\2191";opacity:1}
th[aria-sort=descending] button::after{content:" \\2193";opacity:1}
/* Each row is its own grid on one column template, not a table: a browser lays out a
   10,000-row table again and again while it streams in, and grids let rows off screen
   skip layout (content-visibility). */
.items,.items thead,.items tbody{display:block;font-size:.92rem}
.items tr{display:grid;grid-template-columns:9.5em minmax(0,10%) minmax(0,1fr) minmax(0,16%) 15.5em;\
border-bottom:1px solid var(--line)}
.items th,.items td{display:block;border:0}
.items tbody tr{content-visibility:auto;contain-intrinsic-size:auto 96px}
.items thead{position:sticky;top:0;z-index:1;background:#fff;box-shadow:inset 0 -2px var(--line)}
.items td:last-child{font-size:.84rem}
.items tbody tr:hover{background:#fafbfc}
.items td:first-child{white-space:nowrap;font-variant-numeric:tabular-nums}
.items small{display:block;color:var(--mute);font-size:.78rem;white-space:normal}
summary{cursor:pointer;font-weight:600;color:var(--fg)}
summary.l{font-weight:400}
summary:hover{color:var(--acc)}
details[open] summary{margin-bottom:6px}
details p{margin:.5em 0;font-size:.82rem;color:var(--mute)}
details>div{white-space:pre-wrap;max-width:72ch;margin:0;padding:8px 0 8px 12px;\
border-left:3px solid var(--line);font-size:.92rem}
.cc{font:600 .72em/1 ui-monospace,"DejaVu Sans Mono",monospace;color:#a3261c;background:#fdecea;\
border:1px solid #f2b8b2;border-radius:3px;padding:0 2px;margin:0 1px;white-space:nowrap}
.kwic{font-size:.9rem}
.kwic tbody{display:grid;grid-template-columns:minmax(0,1fr) auto minmax(0,1fr) auto}
.kwic tr{display:contents}
.kwic td{white-space:nowrap;overflow:hidden;padding:5px 0;border-bottom:1px solid var(--soft);color:#3a4654}
.kwic td:first-child{display:flex;justify-content:flex-end}
.kwic td:nth-child(2){padding:5px .3em;text-align:center}
.kwic td:nth-child(3){text-overflow:ellipsis}
.kwic td:last-child{font-size:.78rem;padding-left:16px;align-self:center}
mark{background:var(--mark);color:inherit;padding:0 2px;border-radius:2px;font-weight:600}
.people{list-style:none;margin:0;padding:0;columns:3 260px;column-gap:32px}
.people strong{font-weight:500}
.people li{display:flex;justify-content:space-between;gap:12px;padding:4px 0;border-bottom:1px solid var(--soft);\
break-inside:avoid}
.people span{color:var(--mute);font-size:.82rem;white-space:nowrap;font-variant-numeric:tabular-nums}
.notes{margin:0;padding-left:1.2em;color:var(--mute)}
.empty{color:var(--mute);font-style:italic}
footer{padding:20px 0 32px;color:var(--mute);font-size:.8rem;border-top:1px solid var(--line);margin-top:16px}
[hidden]{display:none!important}
td,summary,details>div,.people li>strong,dd,mark,.kwic td{unicode-bidi:isolate}
/* Phone, and print: items and KWIC lines stacked, nothing clipped. */
@media (max-width:720px),print{
.w{padding:0 14px}
h1{font-size:1.35rem}
.items,.items tbody,.items tr,.items td{display:block;width:auto}
.items thead{display:none}
.items tr{border:1px solid var(--line);border-radius:8px;margin:0 0 10px;padding:8px 12px}
.items td{border:0;padding:2px 0}
.items td:empty{display:none}
.items td:first-child,.items td:nth-child(2){display:inline;font-size:.82rem;color:var(--mute)}
.items td:first-child small{display:inline}
.items td:first-child small::before{content:" \\00b7  "}
.items td:nth-child(2)::before{content:" \\00b7  "}
.items td:nth-child(3){padding:4px 0}
.items td:nth-child(4)::before{content:"People: ";color:var(--mute)}
.items td:nth-child(4),.items td:nth-child(5){font-size:.82rem}
.items td:nth-child(5) small{display:inline}
.items td:nth-child(5) small::before{content:", "}
details>div{padding-left:8px}
.kwic tbody,.kwic tr{display:block}
.kwic tr{padding:6px 0;border-bottom:1px solid var(--line)}
.kwic td,.kwic td:first-child,.kwic td:nth-child(2){display:inline;white-space:normal;border:0;padding:0}
.kwic td:last-child{display:block;padding:2px 0 0}
}
@media print{
body{font-size:10pt}
header{background:none}
nav,.tools{display:none}
.items tbody tr{content-visibility:visible;border:0;border-bottom:1px solid #bbb;border-radius:0;margin:0;padding:8px 0}
.w{padding:0}
a{color:inherit;text-decoration:none}
tr,.people li{break-inside:avoid}
details::details-content{content-visibility:visible;display:block}
summary{list-style:none}
details>div{max-width:none}
.cmd{background:none;color:inherit;border:1px solid #999}
.cmd::before{color:inherit}
}
"""

# Optional comfort only: the page is complete without it.
_JS = """\
(function(){"use strict";
var d=document,t=d.getElementById("items-table");
d.documentElement.className+=" js";
function openTarget(){var h=location.hash.slice(1),e;try{h=decodeURIComponent(h)}catch(x){}
e=h&&d.getElementById(h);if(e){e=e.querySelector("details")||e.closest("details");if(e)e.open=true}}
addEventListener("hashchange",openTarget);openTarget();
var opened=[];
addEventListener("beforeprint",function(){opened=[].filter.call(d.querySelectorAll("details"),function(e){return!e.open});
opened.forEach(function(e){e.open=true})});
addEventListener("afterprint",function(){opened.forEach(function(e){e.open=false});opened=[]});
if(!t)return;
var body=t.tBodies[0],rows=[].slice.call(body.rows),heads=[].slice.call(t.tHead.rows[0].cells);
var slot=d.getElementById("items-tools"),inp=d.createElement("input"),out=d.createElement("span"),timer;
inp.type="search";inp.placeholder="Filter the items\\u2026";inp.setAttribute("aria-label","Filter the items");
slot.appendChild(inp);slot.appendChild(out);slot.hidden=false;
inp.addEventListener("input",function(){clearTimeout(timer);timer=setTimeout(function(){
var q=inp.value.toLowerCase().trim(),n=0;
rows.forEach(function(r){var show=!q||r.textContent.toLowerCase().indexOf(q)>=0;r.hidden=!show;if(show)n++});
out.textContent=q?n.toLocaleString()+" of "+rows.length.toLocaleString()+" shown":""},150)});
var coll=new Intl.Collator(undefined,{numeric:true,sensitivity:"base"});
function key(r,i){var c=r.cells[i],s=c.querySelector("summary");return(s||c).textContent}
heads.forEach(function(th,i){var b=d.createElement("button");b.type="button";
while(th.firstChild)b.appendChild(th.firstChild);th.appendChild(b);
b.addEventListener("click",function(){var dir=th.getAttribute("aria-sort")==="ascending"?-1:1;
heads.forEach(function(h){h.removeAttribute("aria-sort")});
th.setAttribute("aria-sort",dir>0?"ascending":"descending");
var k=rows.map(function(r,n){return[key(r,i),n,r]});
function last(x){return i===0&&x.indexOf("undated")===0?1:0}
k.sort(function(a,b){return last(a[0])-last(b[0])||dir*coll.compare(a[0],b[0])||a[1]-b[1]});
var f=d.createDocumentFragment();k.forEach(function(e){f.appendChild(e[2])});body.appendChild(f)})});
})();
"""


def _sha256(source: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(source.encode("utf-8")).digest()).decode("ascii") + "'"


# No fetch of any kind: only this style element and this script element may apply.
CSP = (
    f"default-src 'none'; style-src {_sha256(_CSS)}; script-src {_sha256(_JS)}; "
    "img-src 'none'; font-src 'none'; connect-src 'none'; media-src 'none'; object-src 'none'; "
    "frame-src 'none'; base-uri 'none'; form-action 'none'"
)


def _chart(tl: ReportTimeline) -> str:
    """The timeline as an SVG bar chart: a row per period, label | bar | count and share.

    Text keeps its size at every width (no viewBox scaling): the label column is sized
    in pixels from the longest label, the bars take a share of the width, and the
    figures start where the bars end, so a phone and a desktop both read it.
    """
    row = 24
    top = max((p.count for p in tl.periods), default=0) or 1
    label_px = round(min(160, 12 + 7.6 * max((len(p.label) for p in tl.periods), default=4)))
    out = [f'<svg role="img" aria-labelledby="tl-title" height="{row * len(tl.periods) + 2}">',
           f'<title id="tl-title">Matching items by {_plain(tl.by)}</title>']
    for k, p in enumerate(tl.periods):
        y = k * row
        share = _percent(p.share)
        tip = f"{p.label}: {_num(p.count)} matching"
        if p.total:
            tip += f" of {_num(p.total)} items"
        if share:
            tip += f" ({share})"
        value = _num(p.count) + (f" \u00b7 {share}" if share else "")
        out.append(
            f"<g><title>{_plain(tip)}</title>"
            f'<text x="0" y="{y + 16}">{_text(p.label)}</text>'
            f'<svg x="{label_px}" y="{y + 5}" width="{_BAR_SHARE}%" height="15" overflow="visible">'
            f'<rect class="t" width="100%" height="15" rx="2"/>'
            f'<rect class="b" width="{100 * p.count / top:.2f}%" height="15" rx="2"/></svg>'
            f'<svg x="{_BAR_SHARE}%" y="{y}" overflow="visible">'
            f'<text class="v" x="{label_px + 8}" y="16">{_text(value)}</text></svg></g>'
        )
    out.append("</svg>")
    return "".join(out)


def _timeline(tl: ReportTimeline | None) -> str:
    out = ['<section id="timeline"><div class="w">']
    if tl is None:
        out.append('<h2>Timeline</h2><p class="empty">No timeline was asked for.</p></div></section>')
        return "".join(out)
    dated = sum(p.count for p in tl.periods)
    out.append(f"<h2>Timeline <small>by {_text(tl.by)}</small></h2><div class=\"tl\">")
    if tl.periods:
        out.append(f'<figure class="chart">{_chart(tl)}<figcaption>Bars: matching items per {_text(tl.by)}; '
                   "the figure after the count is their share of all the corpus items of that period.</figcaption></figure>")
    else:
        out.append('<p class="empty chart">No matching item has a known year.</p>')
    out.append(
        '<dl class="side">'
        f"<div><dt>In the chart</dt><dd>{_num(dated)}</dd></div>"
        f"<div><dt>Year unknown</dt><dd>{_num(tl.unknown_year)}</dd></div>"
        f"<div><dt>Undated</dt><dd>{_num(tl.undated)}</dd></div>"
        "</dl></div></div></section>"
    )
    return "".join(out)


def _date_cell(it: ReportItem) -> str:
    if not it.date:
        return "<td><small>undated</small>"
    if it.date.startswith("--"):
        how = "year unknown"
    elif it.year_basis:
        how = _YEAR_BASIS.get(it.year_basis, "year: " + it.year_basis)
    else:
        how = ""
    return f"<td>{_text(it.date)}" + (f"<small>{_text(how)}</small>" if how else "")


def _where(item_id: str, source: str) -> str:
    """An item's id as shown beside its file: just "#3" when the id is the file's stem and a number."""
    stem = source.rsplit(".", 1)[0]
    for prefix in (stem, stem.rsplit("/", 1)[-1]):
        if item_id.startswith(prefix + "#"):
            return item_id[len(prefix):]
    return item_id


def _copies(it: ReportItem, stories: Mapping[str, Sequence[Copy]], shown: dict[str, str], listed: dict[str, str]) -> str:
    """The other copies of the item's story: listed under the story's first row (as ``c1``, ``c2``...),
    pointed to from its other rows."""
    members = stories.get(it.story) if it.story is not None else None
    if not members or len(members) < 2:
        return ""
    anchor = listed.get(it.story)  # type: ignore[arg-type]
    if anchor is not None:
        # The end tag of a paragraph that ends its parent is optional: big reports repeat this line.
        return f"<p><a href=#{anchor}>One of {_num(len(members))} copies</a>"
    anchor = listed[it.story] = f"c{len(listed) + 1}"  # type: ignore[index]
    others = [c for c in members if c[0] != it.id]
    parts = []
    for cid, source, relation in others[:COPIES_LIMIT]:
        target = shown.get(cid)
        name = f"<a href=#{target}>{_text(cid)}</a>" if target else _text(cid)
        what = [] if _where(cid, source) != cid else [source]
        if relation:
            what.append(_RELATION.get(relation, relation))
        parts.append(name + (f" ({_text(', '.join(what))})" if what else ""))
    more = len(others) - COPIES_LIMIT
    tail = f"; and {_num(more)} more" if more > 0 else ""
    return f"<p id={anchor}>Other copies of this story: " + "; ".join(parts) + tail + "</p>"


def _head_and_rest(it: ReportItem) -> tuple[str, str]:
    """What the row shows (the title, else the lead) and the text it opens to.

    A lead is the start of the text, so it is not written twice: the row opens to the
    text after it, and an ellipsis on both sides marks a lead that stops mid-paragraph.
    """
    if it.title:
        return it.title, "" if it.text.strip() == it.title.strip() else it.text
    if not it.lead:
        return "(no headline)", it.text
    if not it.text.startswith(it.lead):
        return it.lead, it.text
    rest = it.text[len(it.lead):]
    if not rest.strip():
        return it.lead, ""
    if rest.startswith("\n\n"):
        return it.lead, rest.lstrip()
    return it.lead + "\u2026", "\u2026" + rest.lstrip()


def _items(items: Sequence[ReportItem], frags: Sequence[str], shown: dict[str, str],
           stories: Mapping[str, Sequence[Copy]]) -> str:
    out = [f'<section id="items"><div class="w"><h2>Items <small>{_num(len(items))}</small></h2>']
    if not items:
        out.append('<p class="empty">No item matched.</p></div></section>')
        return "".join(out)
    out.append(
        '<div class="tools" id="items-tools" hidden></div>'
        '<table class="items" id="items-table">'
        "<thead><tr><th scope=col>Date<th scope=col>Place<th scope=col>Title or lead<th scope=col>People<th scope=col>Source"
        "</thead><tbody>"
    )
    listed: dict[str, str] = {}  # story -> the anchor of the list of its copies
    for it, frag in zip(items, frags):
        head, rest = _head_and_rest(it)
        inside = (f"<div>{_text(rest)}</div>" if rest else "") + _copies(it, stories, shown, listed)
        if inside:
            summary = "<summary>" if it.title else '<summary class="l">'
            cell = f"<details>{summary}{_text(head)}</summary>{inside}</details>"
        else:  # nothing more to open: the row shows the whole item
            cell = f"<strong>{_text(head)}</strong>" if it.title else _text(head)
        lines = f"line {it.line_start}" if it.line_start == it.line_end else f"lines {it.line_start}\u2013{it.line_end}"
        # End tags of cells and rows are optional in HTML; leaving them out keeps big reports small.
        out.append(
            f'<tr id={frag}>{_date_cell(it)}<td>{_text(it.place or "")}<td>{cell}'
            f"<td>{_text(', '.join(it.people))}"
            f"<td>{_text(it.source)}<small>{_text(_where(it.id, it.source))} \u00b7 {lines}</small>"
        )
    out.append("</tbody></table></div></section>")
    return "".join(out)


def _kwic(lines: Sequence[ReportKwic], shown: dict[str, str], limit: int | None) -> str:
    out = [f'<section id="kwic"><div class="w"><h2>In context <small>{_num(len(lines))} lines</small></h2>']
    if not lines:
        out.append('<p class="empty">No keyword-in-context lines.</p></div></section>')
        return "".join(out)
    if limit is not None and len(lines) > limit:
        out.append(f'<p class="empty">Showing the first {_num(limit)} of {_num(len(lines))} lines.</p>')
        lines = lines[:limit]
    out.append('<table class="kwic"><tbody>')
    for k in lines:
        frag = shown.get(k.item_id)
        ref = f'<a href=#{frag}>{_text(k.item_id)}</a>' if frag else _text(k.item_id)
        out.append(f"<tr><td>{_text(k.left)}<td><mark>{_text(k.match)}</mark><td>{_text(k.right)}<td>{ref}")
    out.append("</tbody></table></div></section>")
    return "".join(out)


def _people(people: Sequence[ReportPerson]) -> str:
    out = [f'<section id="people"><div class="w"><h2>People <small>{_num(len(people))} named</small></h2>']
    if not people:
        out.append('<p class="empty">No person is named in these items.</p></div></section>')
        return "".join(out)
    out.append('<ol class="people">')
    for p in people:
        m = f"{_num(p.mentions)} mention" + ("" if p.mentions == 1 else "s")
        n = f"{_num(p.items)} item" + ("" if p.items == 1 else "s")
        out.append(f"<li><strong>{_text(p.name)}</strong><span>{m} \u00b7 {n}</span></li>")
    out.append("</ol></div></section>")
    return "".join(out)


def _header(data: ReportData) -> str:
    nav = [
        ("timeline", "Timeline", ""),
        ("items", "Items", _num(len(data.items))),
        ("kwic", "In context", _num(len(data.kwic))),
        ("people", "People", _num(len(data.people))),
    ]
    if data.notes:
        nav.append(("notes", "Notes", _num(len(data.notes))))
    links = "".join(f'<a href="#{ref}">{name}' + (f" <strong>{n}</strong>" if n else "") + "</a>" for ref, name, n in nav)
    files = f"{_num(data.files)} file" + ("" if data.files == 1 else "s")
    return (
        '<header><div class="w"><p class="kicker">iranfocus report</p>'
        f"<h1>{_text(data.title)}</h1>"
        f'<pre class="cmd"><code>{_text(data.command)}</code></pre>'
        '<dl class="meta">'
        f"<div><dt>Corpus</dt><dd>{_text(data.corpus_path)}</dd></div>"
        f"<div><dt>Files</dt><dd>{files}</dd></div>"
        f"<div><dt>Fingerprint</dt><dd><code>{_text(data.fingerprint)}</code></dd></div>"
        f"<div><dt>Made</dt><dd>{_text(data.made)}</dd></div>"
        f"</dl><nav>{links}</nav></div></header>"
    )


def _notes(notes: Sequence[str]) -> str:
    if not notes:
        return ""
    return ('<section id="notes"><div class="w"><h2>Notes</h2><ul class="notes">'
            + "".join(f"<li>{_text(n)}</li>" for n in notes) + "</ul></div></section>")


def render_report(data: ReportData, *, kwic_limit: int | None = KWIC_LIMIT) -> str:
    """The whole report as one self-contained HTML5 document (at most ``kwic_limit`` KWIC lines)."""
    frags: list[str] = []
    taken: set[str] = set()
    shown: dict[str, str] = {}  # item id -> the anchor of its first row
    for it in data.items:
        frag = base = fragment_id(it.id)
        n = 1
        while frag in taken:  # the same id twice: keep the anchors unique anyway
            n += 1
            frag = f"{base}-{n}"
        frags.append(frag)
        taken.add(frag)
        shown.setdefault(it.id, frag)
    body = [
        _header(data),
        "<main>",
        _timeline(data.timeline),
        _items(data.items, frags, shown, data.stories),
        _kwic(data.kwic, shown, kwic_limit),
        _people(data.people),
        _notes(data.notes),
        "</main>",
        '<footer><div class="w">Made with iranfocus. Everything taken from the corpus is shown as plain text, '
        "and this page loads nothing from the network.</div></footer>",
    ]
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
        '<meta name="referrer" content="no-referrer"><meta name="color-scheme" content="light">'
        f"<title>{_plain(data.title)}</title><style>{_CSS}</style></head>\n<body>"
        + "".join(body)
        + f"<script>{_JS}</script></body></html>\n"
    )
