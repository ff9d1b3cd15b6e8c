"""Render a :class:`View` to one self-contained, offline HTML file with pyvis.

Only this module imports pyvis.  It works around pyvis 0.3.2's known problems:
``show()`` defaults to notebook mode and ``write_html`` may create a ``lib/``
folder in the working directory (we only call ``generate_html``); the template
prints the heading twice and links Bootstrap from a CDN (both removed here);
the vis-network library is inlined (``cdn_resources="in_line"``).
"""

from __future__ import annotations

import html
import json
import re

from accgraph import __version__
from accgraph.viz.model import View

_CDN_TAG = re.compile(r"<(link|script)\b[^>]*\bhttps?://[^>]*>(\s*</script>)?", re.S | re.I)
_HEADING = re.compile(r"<center>\s*<h1>.*?</h1>\s*</center>", re.S)

TOOLTIP_CSS = """
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",sans-serif;color:#222}
#accgraph-head{padding:10px 16px 6px;border-bottom:1px solid #ddd}
#accgraph-head h1{font-size:20px;margin:0 0 4px}
#accgraph-head p{margin:2px 0;font-size:13px;color:#444}
#accgraph-legend{display:flex;flex-wrap:wrap;gap:4px 14px;font-size:12px;margin-top:6px}
#accgraph-legend span{display:inline-flex;align-items:center;gap:4px}
#accgraph-legend i{display:inline-block;width:12px;height:12px;border-radius:50%}
#accgraph-legend b{display:inline-block;width:22px;height:0;border-top-width:3px}
div.vis-tooltip{font-family:system-ui,sans-serif;max-width:420px;white-space:normal;font-size:12px;line-height:1.35}
div.vis-tooltip .k{color:#666}
.card{border:none}
"""

# Runs after pyvis drew the network: turn the (already escaped) tooltip markup
# into elements, expose counts for tests, and freeze the layout once settled.
# The markup travels as "tip", not "title": pyvis switches every node to its own
# click-popup template (which shows "[object HTMLDivElement]") as soon as any
# node title contains the text "href".
AFTER_DRAW = """
(function () {
  function tip(markup) { var d = document.createElement("div"); d.innerHTML = markup; return d; }
  nodes.update(nodes.get().map(function (n) { return {id: n.id, title: tip(n.tip)}; }));
  edges.update(edges.get().map(function (e) { return {id: e.id, title: tip(e.tip)}; }));
  window.accgraphView = {nodes: nodes.length, edges: edges.length, settled: false};
  if (%(physics)s) {
    network.off("stabilizationProgress");  // pyvis's handler would show its progress overlay again
    network.once("stabilizationIterationsDone", function () {
      network.setOptions({physics: {enabled: false}});
      var bar = document.getElementById("loadingBar");  // pyvis's progress overlay
      if (bar) { bar.style.display = "none"; }
      window.accgraphView.settled = true;
    });
    network.stabilize(%(iterations)s);  // fires the event even if the first layout already settled
  } else {
    window.accgraphView.settled = true;
  }
})();
"""


def _options(view: View) -> dict:
    opts: dict = {
        "interaction": {"hover": True, "tooltipDelay": 120, "navigationButtons": False, "multiselect": True},
        "nodes": {"font": {"size": 14, "face": "system-ui, sans-serif", "strokeWidth": 3, "strokeColor": "#ffffff"},
                  "borderWidth": 1},
        "edges": {"arrows": {"to": {"enabled": True, "scaleFactor": 0.6}}, "smooth": {"type": "dynamic"},
                  "font": {"size": 10, "align": "middle", "color": "#555", "strokeWidth": 3}},
        "physics": {"enabled": True, "solver": "forceAtlas2Based",
                    "forceAtlas2Based": {"gravitationalConstant": -60, "springLength": 110, "avoidOverlap": 0.4},
                    "stabilization": {"enabled": True, "iterations": 400, "updateInterval": 50}},
    }
    if view.hierarchical:
        opts["layout"] = {"hierarchical": {"enabled": True, "direction": "DU", "sortMethod": "directed",
                                           "levelSeparation": 110, "nodeSpacing": 260}}
        opts["physics"] = {"enabled": False}
        opts["edges"]["smooth"] = False
    elif view.large:
        opts["physics"]["stabilization"]["iterations"] = 150
        opts["layout"] = {"improvedLayout": False}
        opts["edges"]["font"]["size"] = 0
    return opts


def _legend(view: View) -> str:
    e = html.escape
    node_types, edge_types = view.legend()
    parts = [f"<span><i style='background:{t.color}'></i>{e(t.name)}</span>" for t in node_types]
    for t in edge_types:
        style = "dashed" if t.dashes else "solid"
        parts.append(f"<span><b style='border-top:3px {style} {t.color}'></b>{e(t.sentence)}</span>")
    if any(n.props.get("weakest_link") or n.props.get("editorial") for n in view.nodes):
        parts.append("<span><i style='border:2px dashed #555;box-sizing:border-box'></i>"
                     "hedged, second-hand or editorial (see its tooltip)</span>")
    return "<div id='accgraph-legend'>" + "".join(parts) + "</div>"


def render(view: View) -> str:
    """The complete HTML page for a view."""
    if view.layout == "timeline":
        from accgraph.viz.timeline import render_timeline

        return render_timeline(view)
    from pyvis.network import Network
    from accgraph import schema as S

    net = Network(height="calc(100vh - 130px)", width="100%", directed=True, notebook=False,
                  cdn_resources="in_line", heading="")
    for n in view.nodes:
        t = S.NODES[n.kind]
        extra = {"level": n.level} if n.level is not None else {}
        if n.props.get("weakest_link") or n.props.get("editorial"):  # hedged, second-hand or editorial
            extra["shapeProperties"] = {"borderDashes": [4, 3]}
            extra["borderWidth"] = 2
        net.add_node(n.id, label=n.label, tip=n.tooltip_html, color=t.color, shape=t.shape, size=t.size, **extra)
    for ed in view.edges:
        t = S.EDGES[ed.kind]
        net.add_edge(ed.src, ed.dst, id=ed.id, tip=ed.tooltip_html, color=t.color, dashes=t.dashes,
                     width=t.width, label=ed.label if len(view.edges) <= 60 else "")
    net.set_options(json.dumps(_options(view)))
    page = net.generate_html(notebook=False)
    page = _CDN_TAG.sub("", page)
    page = _HEADING.sub("", page)
    e = html.escape
    head = (
        f"<div id='accgraph-head'><h1>{e(view.title)}</h1><p>{e(view.caption)}</p>"
        f"<p>{len(view.nodes)} nodes, {len(view.edges)} edges. Hover a node or edge for its details and sources. "
        f"accountability-graph {e(__version__)}, {e(view.data_version)}.</p>{_legend(view)}</div>"
    )
    opts = _options(view)
    physics = "true" if opts["physics"].get("enabled") else "false"
    iterations = opts["physics"].get("stabilization", {}).get("iterations", 0)
    page = page.replace("<body>", "<body>\n" + head, 1)
    page = page.replace("</head>", f"<title>{e(view.title)}</title><style>{TOOLTIP_CSS}</style></head>", 1)
    page = page.replace("</body>", f"<script>{AFTER_DRAW % {'physics': physics, 'iterations': iterations}}</script>\n</body>", 1)
    if not page.lstrip().lower().startswith("<!doctype"):
        page = "<!DOCTYPE html>\n" + page
    return page
