"""The view model: nodes, edges, styles and legend, independent of any renderer."""

from __future__ import annotations

import html
import textwrap
from dataclasses import dataclass, field

from accgraph import output
from accgraph import schema as S

#: Past this many nodes a view stops animating physics and freezes after a short layout.
LARGE_VIEW = 250

#: Node properties shown in tooltips, in this order (besides name and kind).
TOOLTIP_PROPS = ("aliases", "summary", "date", "place", "status", "outcome", "figure", "as_of", "text", "question",
                 "provides", "code", "role", "title", "publisher", "start", "end", "hedged", "weakest_link", "editorial")
EDGE_TOOLTIP_PROPS = ("provision", "immunity_kind", "scope", "instrument", "condition", "victim", "pathway", "step",
                      "purpose", "stance", "role", "date", "start", "end", "hedged", "weakest_link", "editorial")


@dataclass
class VNode:
    id: str
    kind: str
    name: str
    props: dict
    level: int | None = None  # rank in a hierarchical layout (0 = the starting point)

    @property
    def label(self) -> str:
        name = self.name if len(self.name) <= 60 else self.name[:57] + "..."
        return "\n".join(textwrap.wrap(name, 22)) or self.id

    @property
    def tooltip_html(self) -> str:
        return _tooltip(self.name, self.kind, self.props, TOOLTIP_PROPS)


@dataclass
class VEdge:
    id: str
    kind: str
    src: str
    dst: str
    props: dict

    @property
    def label(self) -> str:
        return S.EDGES[self.kind].sentence if self.kind in S.EDGES else self.kind

    @property
    def tooltip_html(self) -> str:
        return _tooltip(self.label, self.kind, self.props, EDGE_TOOLTIP_PROPS)


def _tooltip(title: str, kind: str, props: dict, keys: tuple[str, ...]) -> str:
    """Tooltip markup; every piece of data in it is HTML-escaped."""
    e = html.escape
    parts = [f"<b>{e(title)}</b> <i>({e(kind)})</i>"]
    for k in keys:
        v = props.get(k)
        if v in (None, "", []):
            continue
        text = output.cell(v)
        if len(text) > 240:
            text = text[:237] + "..."
        parts.append(f"<br><span class='k'>{e(k)}:</span> {e(text)}")
    cites = props.get("citations") or []
    if cites:
        parts.append("<br><span class='k'>sources:</span>")
        for c in cites[:6]:
            line = f"{c.get('source')} - {c.get('at')}"
            if c.get("via"):
                line += f" (via {c['via']})"
            parts.append(f"<br>&bull; {e(line)}")
            if c.get("quote"):
                parts.append(f"<br>&nbsp;&nbsp;<q>{e(c['quote'])}</q>")
        if len(cites) > 6:
            parts.append(f"<br>&hellip; and {len(cites) - 6} more")
    return "".join(parts)


@dataclass
class View:
    title: str
    caption: str
    nodes: list[VNode] = field(default_factory=list)
    edges: list[VEdge] = field(default_factory=list)
    hierarchical: bool = False
    data_version: str = ""
    layout: str = "network"  # network | timeline

    @property
    def large(self) -> bool:
        return len(self.nodes) > LARGE_VIEW

    def legend(self) -> tuple[list[S.NodeType], list[S.EdgeType]]:
        """The node and edge types present, in schema order."""
        kinds = {n.kind for n in self.nodes}
        ekinds = {e.kind for e in self.edges}
        return [t for t in S.NODE_TYPES if t.name in kinds], [t for t in S.EDGE_TYPES if t.name in ekinds]

    def add_node(self, props: dict) -> None:
        if props.get("kind") not in S.NODES or any(n.id == props["id"] for n in self.nodes):
            return
        self.nodes.append(VNode(props["id"], props["kind"], props.get("name") or props["id"], props))

    def add_edge(self, props: dict) -> None:
        if props.get("kind") not in S.EDGES or any(e.id == props["id"] for e in self.edges):
            return
        self.edges.append(VEdge(props["id"], props["kind"], props["src"], props["dst"], props))

    def prune_dangling_edges(self) -> None:
        ids = {n.id for n in self.nodes}
        self.edges = [e for e in self.edges if e.src in ids and e.dst in ids]
