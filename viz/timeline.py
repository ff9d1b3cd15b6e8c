"""The timeline view: what the ``timeline`` query dates, on one time-ordered page.

The entries are the query's rows, oldest first, grouped by year, each with its
kind, caveats (hedged, second-hand, editorial) and, on hover or keyboard
focus, a tooltip with its details and sources.  The page is a single HTML file
from a Jinja2 template (autoescaped), with no external resources.
"""

from __future__ import annotations

from jinja2 import Environment
from markupsafe import Markup

from accgraph import __version__
from accgraph import output
from accgraph import queries as Q
from accgraph import schema as S
from accgraph.viz.model import View, VNode, _tooltip

#: Which node type draws each kind of entry.
ENTRY_KINDS = {
    "allegation": "Allegation",
    "event": "Event",
    "outcome": "Event",
    "instrument issued": "Instrument",
    "instrument in force": "Instrument",
    "instrument ends": "Instrument",
}
LANES = ("allegation", "event", "outcome", "instrument")
WHO = {"allegation": "against", "event": "involves", "outcome": "involves", "instrument": "issued by"}
TOOLTIP_KEYS = ("date", "entry", "detail", "outcome", "actors", "cases", "n_sources", "weakest_link", "editorial")
CAVEATS = (
    ("hedged", "hedged", "The sources hedge it ('reportedly', 'alleged')."),
    ("second-hand", "second-hand", "Every source reports it via someone else."),
    ("editorial", "editorial", "The project's identification, not the documents' words."),
)


def lane(entry: str) -> str:
    return entry.split(" ")[0]


def view_timeline(backend, params: dict) -> View:
    """The timeline of everything, or of one actor (-p actor NAME)."""
    query = Q.get("timeline")
    _, rows = Q.run(backend, query, dict(params))
    title, caption = "Timeline", ("Allegations, events, outcomes and instruments, oldest first, as precisely dated "
                                  "as the sources date them. Give -p actor NAME for one actor.")
    if params.get("actor"):
        actor = Q.resolve_name(backend, params["actor"], Q.RESOLVE_GROUPS["actor"], "actor", "actor")
        found = backend.read("MATCH (n) WHERE n.id = $id RETURN n.name AS name", {"id": actor})
        name = found[0]["name"] if found else actor
        title = f"Timeline: {name}"
        caption = (f"What the sources date about {name}, its members and parts: allegations against them, events and "
                   "outcomes of their cases, and the instruments they issued or that cover them.")
    view = View(title, caption, layout="timeline")
    for row in rows:
        view.nodes.append(VNode(row["id"], ENTRY_KINDS.get(row["entry"], "Event"), row["what"] or row["id"], row))
    meta = backend.meta() or {}
    view.data_version = f"data {meta.get('digest', '?')[:12]}, loaded {meta.get('loaded_at', '?')}"
    return view


def caveats(props: dict) -> list[dict]:
    """The visible marks of an entry: hedged, second-hand, editorial."""
    weak = {w.strip() for w in (props.get("weakest_link") or "").split(",") if w.strip()}
    out = []
    for key, label, meaning in CAVEATS:
        if key in weak or (key == "editorial" and props.get("editorial")):
            reason = props.get("editorial") if key == "editorial" else meaning
            out.append({"cls": key, "label": label, "title": reason})
    return out


def _entries(view: View) -> list[dict]:
    out = []
    for i, n in enumerate(view.nodes):
        p = n.props
        meta = []
        if p.get("actors"):
            meta.append((WHO[lane(p.get("entry") or "event")], output.cell(p["actors"])))
        if p.get("outcome"):
            meta.append(("outcome", output.cell(p["outcome"])))
        if p.get("cases"):
            meta.append(("case", output.cell(p["cases"])))
        if p.get("n_sources"):
            meta.append(("documents", str(p["n_sources"])))
        out.append({
            "index": i, "id": n.id, "date": p.get("date") or "", "year": (p.get("date") or "")[:4],
            "entry": p.get("entry") or "", "lane": lane(p.get("entry") or "event"), "what": n.name,
            "detail": p.get("detail") or "", "color": S.NODES[n.kind].color, "meta": meta,
            "caveats": caveats(p), "tooltip": Markup(_tooltip(n.name, n.kind, p, TOOLTIP_KEYS)),
        })
    return out


def _years(entries: list[dict]) -> list[dict]:
    years: dict[str, list[dict]] = {}
    for e in entries:
        years.setdefault(e["year"], []).append(e)
    biggest = max((len(v) for v in years.values()), default=1)
    out = []
    for year, items in years.items():
        counts = [(name, sum(1 for e in items if e["lane"] == name)) for name in LANES]
        bars = [{"lane": name, "n": c, "width": round(100 * c / biggest, 1)} for name, c in counts if c]
        out.append({"year": year, "entries": items, "bars": bars})
    return out


def _legend() -> list[dict]:
    colors = {"allegation": "Allegation", "event": "Event", "outcome": "Event", "instrument": "Instrument"}
    return [{"lane": name, "color": S.NODES[colors[name]].color} for name in LANES]


TEMPLATE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ title }}</title>
<style>
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",sans-serif;color:#222;background:#fff}
#accgraph-head{padding:10px 16px 6px;border-bottom:1px solid #ddd;position:sticky;top:0;background:#fff;z-index:2}
#accgraph-head h1{font-size:20px;margin:0 0 4px}
#accgraph-head p{margin:2px 0;font-size:13px;color:#444}
#accgraph-legend{display:flex;flex-wrap:wrap;gap:4px 14px;font-size:12px;margin-top:6px}
#accgraph-legend span{display:inline-flex;align-items:center;gap:4px}
#years{display:flex;flex-wrap:wrap;gap:2px 10px;font-size:12px;margin-top:6px}
#years a{display:inline-flex;align-items:center;gap:4px;color:#234;text-decoration:none}
#years .bar{display:inline-flex;width:60px;height:8px;background:#f2f2f2}
#years .bar i{display:block;height:8px}
main{padding:4px 16px 40px}
section.year h2{font-size:16px;margin:18px 0 6px;color:#555;border-bottom:1px solid #eee}
ol{list-style:none;margin:0;padding:0 0 0 8px;border-left:2px solid #ddd}
li.entry{display:grid;grid-template-columns:92px 14px 1fr;gap:6px;align-items:start;padding:4px 4px;margin-left:-9px;
  border-radius:4px;outline:none}
li.entry:hover,li.entry:focus{background:#f5f8fc}
li.entry time{font-size:12px;color:#555;text-align:right;padding-top:2px;font-variant-numeric:tabular-nums}
.dot{display:inline-block;width:12px;height:12px;border-radius:50%;border:1px solid #666;box-sizing:border-box}
li.entry .dot{margin-top:3px}
.lane-outcome .dot{border:3px double #333}
.lane-instrument .dot{border-radius:2px}
.card{font-size:13px;line-height:1.35}
.badge{font-size:11px;padding:0 5px;border-radius:3px;background:#eee;color:#333;margin-right:4px}
.detail{font-size:11px;color:#666;margin-left:6px}
.caveat{font-size:11px;padding:0 5px;border-radius:3px;margin-left:6px;border:1px dashed #b35c00;color:#8a4500;
  background:#fff6ec}
.caveat-editorial{border-color:#6a3d9a;color:#4b2a6e;background:#f5effa}
.meta{font-size:12px;color:#555}
.meta .k{color:#888}
#accgraph-tip{position:fixed;z-index:5;max-width:420px;background:#fffffe;border:1px solid #999;border-radius:3px;
  padding:6px 8px;box-shadow:2px 2px 6px rgba(0,0,0,.2);font-size:12px;line-height:1.35;pointer-events:none}
#accgraph-tip .k{color:#666}
</style>
</head>
<body>
<div id="accgraph-head">
<h1>{{ title }}</h1>
<p>{{ caption }}</p>
<p>{{ entries|length }} entries. Hover or focus an entry for its details and sources.
accountability-graph {{ version }}, {{ data_version }}.</p>
<div id="accgraph-legend">
{% for l in legend %}<span class="lane-{{ l.lane }}"><i class="dot" style="background:{{ l.color }}"></i>{{ l.lane }}</span>{% endfor %}
{% for key, label, meaning in caveat_kinds %}<span><b class="caveat caveat-{{ key }}">{{ label }}</b>{{ meaning }}</span>{% endfor %}
</div>
<nav id="years">
{% for y in years %}<a href="#y{{ y.year }}" title="{{ y.entries|length }} entries">{{ y.year }}
<span class="bar">{% for b in y.bars %}<i class="bar-{{ b.lane }}" style="width:{{ b.width }}%;background:{{ colors[b.lane] }}"></i>{% endfor %}</span></a>
{% endfor %}
</nav>
</div>
<main id="timeline">
{% if not entries %}<p>No dated entries.</p>{% endif %}
{% for y in years %}
<section class="year" id="y{{ y.year }}">
<h2>{{ y.year }}</h2>
<ol>
{% for e in y.entries %}
<li class="entry lane-{{ e.lane }}" tabindex="0" data-id="{{ e.id }}" data-index="{{ e.index }}">
<time datetime="{{ e.date }}">{{ e.date }}</time>
<span class="dot" style="background:{{ e.color }}"></span>
<div class="card">
<div><span class="badge">{{ e.entry }}</span><b class="what">{{ e.what }}</b>{% if e.detail %}<span class="detail">{{ e.detail }}</span>{% endif %}
{%- for c in e.caveats %}<span class="caveat caveat-{{ c.cls }}" title="{{ c.title }}">{{ c.label }}</span>{% endfor %}</div>
{% if e.meta %}<div class="meta">{% for k, v in e.meta %}<span class="k">{{ k }}:</span> {{ v }}{% if not loop.last %}; {% endif %}{% endfor %}</div>{% endif %}
</div>
<template class="tip">{{ e.tooltip }}</template>
</li>
{% endfor %}
</ol>
</section>
{% endfor %}
</main>
<div id="accgraph-tip" hidden></div>
<script>
(function () {
  var tip = document.getElementById("accgraph-tip");
  function place(x, y) {
    var w = tip.offsetWidth, h = tip.offsetHeight;
    tip.style.left = Math.max(4, Math.min(x + 14, window.innerWidth - w - 8)) + "px";
    tip.style.top = Math.max(4, Math.min(y + 14, window.innerHeight - h - 8)) + "px";
  }
  function show(li, x, y) {
    var t = li.querySelector("template.tip");
    tip.replaceChildren(t.content.cloneNode(true));
    tip.hidden = false;
    place(x, y);
  }
  function hide() { tip.hidden = true; }
  var items = document.querySelectorAll("li.entry");
  items.forEach(function (li) {
    li.addEventListener("mouseenter", function (ev) { show(li, ev.clientX, ev.clientY); });
    li.addEventListener("mousemove", function (ev) { place(ev.clientX, ev.clientY); });
    li.addEventListener("mouseleave", hide);
    li.addEventListener("focus", function () { var r = li.getBoundingClientRect(); show(li, r.left + 100, r.bottom); });
    li.addEventListener("blur", hide);
  });
  window.accgraphView = {nodes: items.length, edges: 0, settled: true};
})();
</script>
</body>
</html>
"""

_ENV = Environment(autoescape=True, trim_blocks=True, lstrip_blocks=True)


def render_timeline(view: View) -> str:
    """The complete HTML page for a timeline view."""
    entries = _entries(view)
    legend = _legend()
    return _ENV.from_string(TEMPLATE).render(
        title=view.title, caption=view.caption, version=__version__, data_version=view.data_version,
        entries=entries, years=_years(entries), legend=legend, colors={l["lane"]: l["color"] for l in legend},
        caveat_kinds=CAVEATS,
    )
