"""``accgraph explain ID``: how a verdict was derived, step by step, each step with its sources."""

from __future__ import annotations

import json

import click

from accgraph.cli import Target, backend_options, run_errors
from accgraph.output import cite_text


def sentence(n: int, st: dict) -> list[str]:
    """One derivation step as a numbered sentence, with its marks and sources."""
    text = f"{n}. {st['from']} {st['reads']} {st['to']}"
    extra = []
    if st.get("provision"):
        extra.append(st["provision"])
    if st.get("in_force_from"):
        extra.append(f"in force from {st['in_force_from']}")
    if st.get("in_force_until"):
        extra.append(f"until {st['in_force_until']}")
    if st.get("start") or st.get("end"):
        extra.append(f"dated {st.get('start') or '?'} to {st.get('end') or '?'}")
    if st.get("condition"):
        extra.append(" ".join(str(st["condition"]).split()))
    if extra:
        text += f" ({'; '.join(extra)})"
    text += "."
    if st.get("flags"):
        text += f" [{', '.join(st['flags'])}]"
    lines = [text]
    if st.get("editorial"):
        lines.append(f"   Editorial: {st['editorial']}")
    for c in st.get("citations") or []:
        lines.append(f"   Source: {cite_text(c, quote=True)}")
    for c in st.get("instrument_citations") or []:
        lines.append(f"   Instrument: {cite_text(c, quote=True)}")
    return lines


def explain_text(item: dict) -> str:
    lines = [f"{item['id']}: {item['title']}"]
    lines.append(f"Verdict: {item['verdict']}" + (f"; gap: {item['gap']}" if item.get("gap") else "") + ".")
    if item.get("reason"):
        lines.append(f"Because: {item['reason']}.")
    for n, st in enumerate(item["derivation"], 1):
        lines.extend(sentence(n, st))
    return "\n".join(lines) + "\n"


def explain(be, node_id: str, as_of: str | None = None) -> list[dict]:
    """Derivations for an allegation (its gap verdict) or an actor (its immunity and waivers)."""
    from accgraph import queries as Q

    rows = be.read("MATCH (n:Allegation {id: $id}) RETURN n.id AS id", {"id": node_id})
    if rows:
        if as_of:
            raise Q.QueryError("--as-of applies to actors; an allegation is judged at its own date")
        q = Q.get("accountability-gaps")
        # The same query, its allegations narrowed to this one (looked up by id, so without the join
        # order that walks out from the accused).
        anchor = "MATCH (x)<-[ag:AGAINST]-(a:Allegation)\n// hint: (x JOIN ag) JOIN a\n"
        body = q.text_for(be.name)
        if anchor not in body:
            raise Q.QueryError("accountability-gaps no longer matches its allegations as explain expects")
        body = body.replace(anchor, "MATCH (x)<-[ag:AGAINST]-(a:Allegation {id: $id})\n", 1)
        if be.name == "embedded":
            body = Q.with_hints(body)
        raw = [Q.normalise_row(r) for r in be.read(body, {"id": node_id})]
        from accgraph import verdicts as V

        found = V.derive_gaps(raw, {})
        if not found:
            return [{"id": node_id, "title": "no route to a grant of immunity is recorded",
                     "verdict": V.NOT_IMMUNE, "gap": None,
                     "reason": "the sources record no grant of immunity for the accused or any category they fall in",
                     "derivation": []}]
        r = found[0]
        return [{"id": r["allegation"], "title": f"{r['summary']} ({r['date'] or 'undated'})", "verdict": r["verdict"],
                 "gap": r["gap"], "reason": r["reason"], "waiver": r["waiver"], "could_waive": r["could_waive"],
                 "derivation": r["derivation"]}]
    params = {"holder": node_id}
    if as_of:
        params["as_of"] = as_of
    _, rules = Q.run(be, Q.get("who-can-waive"), params)
    if not rules:
        from accgraph import verdicts as V

        return [{"id": node_id, "title": "no grant of immunity is recorded", "verdict": V.NOT_IMMUNE, "gap": None,
                 "reason": "the sources record no grant of immunity for it or any category it falls in",
                 "derivation": []}]
    out = []
    for r in rules:
        who = f"{r['authority']} may waive" if r["authority"] else "no waiver authority recorded"
        out.append({"id": node_id, "title": f"{r['holder']} as {r['covered_as']}: {who}", "verdict": r["verdict"],
                    "gap": None, "reason": r["reason"], "derivation": r["derivation"]})
    return out


@click.command("explain")
@click.argument("node_id", metavar="ID")
@click.option("--as-of", "as_of", help="For an actor: the date to judge at (YYYY, YYYY-MM or YYYY-MM-DD).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@backend_options
@run_errors
def explain_command(node_id: str, as_of: str | None, fmt: str, target: Target) -> None:
    """Explain a verdict: the route from an allegation or actor to its immunity, each step with its sources."""
    from accgraph import queries as Q
    from accgraph import schema as S

    with target.open_for_reading() as be:
        resolved = Q.resolve_name(be, node_id, ("Allegation",) + S.ACTORS, "ID", "allegation or actor")
        if as_of:
            Q.bind(be, Q.get("who-can-waive"), {"as_of": as_of})
        items = explain(be, resolved, as_of)
    if fmt == "json":
        click.echo(json.dumps(items, indent=2, ensure_ascii=False))
    else:
        click.echo("\n".join(explain_text(i) for i in items), nl=False)
