"""Verdicts in time: date intervals, immunity verdicts with reasons, and their derivations.

Both backends return the same raw rows for a canned query; the functions here
turn them into the answer, identically for both.  A query opts in with a
``// derive: NAME`` header line; :data:`DERIVERS` maps the name to a function
``(rows, params) -> rows``.

Dates in the graph may be partial (``2001``, ``2001-03``): a partial date is the
interval it covers (``2001`` = 2001-01-01 to 2001-12-31).  Verdicts are three-valued
plus unknown:

* ``immune`` - every link from the accused to a grant of immunity holds, firmly,
  and the granting instrument was in force for the whole of the allegation's date;
* ``possibly immune`` - a link is hedged, editorial or partial (a unit of mixed
  status), or the allegation's date straddles the instrument's entry into
  force, or the allegation is undated;
* ``unknown`` - the allegation predates every instrument the sources name for
  that category (or follows its end): the sources do not say;
* ``not immune`` - no grant of immunity is recorded for the actor or any
  category it falls in.
"""

from __future__ import annotations

import calendar
import json
import re
from typing import Any, Callable

from accgraph import schema as S

IMMUNE, POSSIBLY, NOT_IMMUNE, UNKNOWN = "immune", "possibly immune", "not immune", "unknown"
RANK = {IMMUNE: 3, POSSIBLY: 2, UNKNOWN: 1, NOT_IMMUNE: 0}
POLICY = "institutional_policy"

DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


class DateError(ValueError):
    pass


def interval(value: str | None) -> tuple[str, str] | None:
    """The days a (possibly partial) date covers, as ISO strings; None when undated."""
    if value in (None, ""):
        return None
    value = str(value)
    if not DATE_RE.match(value):
        raise DateError(f"not a date (YYYY, YYYY-MM or YYYY-MM-DD): {value!r}")
    if len(value) == 4:
        return f"{value}-01-01", f"{value}-12-31"
    if len(value) == 7:
        year, month = int(value[:4]), int(value[5:7])
        return f"{value}-01", f"{value}-{calendar.monthrange(year, month)[1]:02d}"
    return value, value


def compare(when: tuple[str, str] | None, start: str | None, end: str | None) -> str:
    """How an interval ``when`` sits against a validity from ``start`` to ``end``.

    Returns ``inside``, ``before`` (wholly before start), ``after`` (wholly after
    end), ``straddles`` (partly inside) or ``undated``.
    """
    if when is None:
        return "undated"
    lo, hi = when
    s = interval(start)
    e = interval(end)
    if s and hi < s[0]:
        return "before"
    if e and lo > e[1]:
        return "after"
    if (s and lo < s[1]) or (e and hi > e[0]):
        return "straddles"
    return "inside"


def _name(node: dict | None) -> str:
    return (node or {}).get("name") or (node or {}).get("id") or ""


def _cites(record: dict | None) -> list[dict]:
    value = (record or {}).get("citations") or []
    if isinstance(value, str):
        value = json.loads(value)
    return value


def _flags(record: dict) -> list[str]:
    out = []
    if record.get("hedged"):
        out.append("hedged")
    if record.get("partial"):
        out.append("partial")
    if record.get("editorial"):
        out.append("editorial")
    return out


def step(src: dict, rel: dict, dst: dict, **extra: Any) -> dict:
    """One link of a derivation, with its citations."""
    kind = rel.get("kind", "")
    out = {
        "from": _name(src), "from_id": src.get("id"), "relation": kind,
        "reads": S.EDGES[kind].sentence if kind in S.EDGES else kind,
        "to": _name(dst), "to_id": dst.get("id"),
        "start": rel.get("start"), "end": rel.get("end"), "flags": _flags(rel),
        "note": rel.get("note"), "editorial": rel.get("editorial"),
        "citations": _cites(rel),
    }
    out.update({k: v for k, v in extra.items() if v is not None})
    return out


def in_force(instrument: dict, grant: dict | None = None, superseded_on: list | None = None) -> tuple[str | None, str | None]:
    """When a rule applies: the grant's own dates, else the instrument's entry into force and end."""
    grant = grant or {}
    start = grant.get("start") or instrument.get("start") or instrument.get("date")
    ends = [d for d in [grant.get("end"), instrument.get("end")] + list(superseded_on or []) if d]
    return start, (min(ends) if ends else None)


def path_steps(path: dict) -> list[tuple[dict, dict, dict]]:
    """(from, rel, to) triples of a path, oriented by each relation's stored src/dst."""
    nodes, rels = path["nodes"], path["rels"]
    by_id = {n.get("id"): n for n in nodes}
    out = []
    for i, rel in enumerate(rels):
        a, b = nodes[i], nodes[i + 1]
        src = by_id.get(rel.get("src"), a)
        dst = by_id.get(rel.get("dst"), b)
        out.append((src, rel, dst))
    return out


def judge_path(when: tuple[str, str] | None, links: list[dict], grant: dict, instrument: dict,
               superseded_on: list | None, when_text: str) -> tuple[str, list[str], dict]:
    """Verdict for one route from an accused to a grant of immunity."""
    reasons: list[str] = []
    verdict = IMMUNE
    for link in links:
        for flag in link["flags"]:
            verdict = POSSIBLY
            if flag == "partial":
                reasons.append(f"only some of the personnel of {link['from']} fall in {link['to']} (mixed status): "
                               "it depends on the individual")
            elif flag == "hedged":
                reasons.append(f"the sources hedge that {link['from']} {link['reads']} {link['to']}")
            else:
                reasons.append(f"that {link['from']} {link['reads']} {link['to']} is the project's identification"
                               f" ({link['editorial']})")
        pos = compare(when, link.get("start"), link.get("end"))
        if pos in ("before", "after"):
            return UNKNOWN, [f"{link['from']} {link['reads']} {link['to']} only "
                             f"{_span(link.get('start'), link.get('end'))}, not at {when_text}"], {}
        if pos == "straddles":
            verdict = POSSIBLY
            reasons.append(f"{when_text} straddles when {link['from']} {link['reads']} {link['to']} "
                           f"({_span(link.get('start'), link.get('end'))})")
    start, end = in_force(instrument, grant, superseded_on)
    pos = compare(when, start, end)
    name = _name(instrument)
    force = {"in_force_from": start, "in_force_until": end}
    if when is not None and start is None and end is None:
        verdict = POSSIBLY
        reasons.append(f"the sources do not say when {name} applied")
    if grant.get("immunity_kind") == "partial" or "partial" in _flags(grant):
        verdict = POSSIBLY
        reasons.append(f"{name} grants only partial immunity ({grant.get('scope') or grant.get('provision')})")
    if pos == "before":
        return UNKNOWN, [f"{name} entered into force on {start}, after {when_text}; the sources name no instrument "
                         f"that granted {links[-1]['to'] if links else 'it'} immunity before it"], force
    if pos == "after":
        return UNKNOWN, [f"{name} ceased to apply on {end}, before {when_text}; the sources do not say what "
                         "applied then"], force
    if pos == "straddles":
        verdict = POSSIBLY
        reasons.append(f"{when_text} straddles the entry into force of {name} ({_span(start, end)})")
    if pos == "undated" and when_text.startswith("the allegation"):
        verdict = POSSIBLY
        reasons.append(f"the allegation is undated; {name} applies {_span(start, end)}")
    if verdict == IMMUNE:
        reasons.append(f"immune under {name}, {grant.get('provision') or 'provision not cited'}"
                       f"{', in force ' + _span(start, end) if start else ''}")
    return verdict, reasons, force


def mixed_status(verdict: str, reasons: list[str], actor: dict, mixed: list | None) -> tuple[str, list[str]]:
    """A unit whose personnel fall only partly in a category is of mixed status: at best possibly immune."""
    if mixed and verdict == IMMUNE:
        cats = " and ".join(sorted(mixed))
        return POSSIBLY, [f"{_name(actor)} is of mixed status (only some of its personnel fall in {cats}): "
                          "it depends on the individual"] + [r for r in reasons if not r.startswith("immune under")]
    return verdict, reasons


def _span(start: str | None, end: str | None) -> str:
    if start and end:
        return f"from {start} to {end}"
    if start:
        return f"from {start}"
    if end:
        return f"until {end}"
    return "at dates the sources do not give"


def _sort_key(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


# --- the impunity report ---------------------------------------------------------


def _waiver(outcome: list | None) -> str:
    outcome = outcome or []
    for key, word in (("waiver_granted", "granted"), ("waiver_refused", "refused"), ("waiver_requested", "requested")):
        if key in outcome:
            return word
    return "none recorded"


def gap_of(kind: str | None, verdict: str, outcome: list | None) -> str:
    """Whether the record shows an immunity gap: yes, possibly, no, unknown or not applicable."""
    outcome = outcome or []
    if kind == POLICY:
        return "not applicable: institutional policy"
    if {"waiver_granted", "charged", "convicted", "acquitted"} & set(outcome):
        return "no"
    return {IMMUNE: "yes", POSSIBLY: "possibly", UNKNOWN: "unknown", NOT_IMMUNE: "no"}[verdict]


def derive_gaps(rows: list[dict], params: dict) -> list[dict]:
    """One row per allegation: its immunity verdict, the reason, the derivation and the gap."""
    by_alg: dict[str, dict] = {}
    for r in rows:
        a = r["allegation"]
        entry = by_alg.setdefault(a["id"], {"a": a, "same_as": r.get("same_as") or [], "routes": []})
        entry["routes"].append(r)
    out = []
    for alg_id, entry in by_alg.items():
        a = entry["a"]
        when = interval(a.get("date"))
        best = None
        seen = set()
        for r in entry["routes"]:
            accused, against = r["accused"], r["against"]
            links = [step(a, against, accused)]
            links += [step(s, rel, d) for s, rel, d in path_steps(r["path"])[:-1]]
            grant_src, grant, holder = path_steps(r["path"])[-1]
            when_text = f"the allegation's date ({a['date']})" if a.get("date") else "the allegation (undated)"
            verdict, reasons, force = judge_path(when, links[1:], grant, r["instrument"],
                                                 r.get("superseded_on"), when_text)
            verdict, reasons = mixed_status(verdict, reasons, accused, r.get("mixed"))
            grant_step = step(r["instrument"], grant, holder, provision=grant.get("provision"),
                              **{k: v for k, v in force.items() if v})
            grant_step["instrument_citations"] = _cites(r["instrument"])
            waiver_steps = []
            if r.get("waiver"):
                waiver_steps.append(step(r["authority"], r["waiver"], holder, provision=r["waiver"].get("provision"),
                                         condition=r["waiver"].get("condition")))
            key = _sort_key([links, grant_step])
            cand = {
                "verdict": verdict, "reasons": reasons, "links": links, "grant": grant_step,
                "instrument": _name(r["instrument"]), "holder": _name(holder),
                "waivers": waiver_steps,
            }
            if key in seen:
                if best and _sort_key([best["links"], best["grant"]]) == key:
                    best["waivers"] += [w for w in waiver_steps if w not in best["waivers"]]
                continue
            seen.add(key)
            entry.setdefault("cands", []).append(cand)
        cands = entry.get("cands", [])
        # merge waivers across identical routes
        merged: dict[str, dict] = {}
        for c in cands:
            k = _sort_key([c["links"], c["grant"]])
            if k in merged:
                merged[k]["waivers"] += [w for w in c["waivers"] if w not in merged[k]["waivers"]]
            else:
                merged[k] = c
        cands = sorted(merged.values(), key=lambda c: (-RANK[c["verdict"]], len(c["links"]),
                                                        _sort_key([c["links"], c["grant"]])))
        top = RANK[cands[0]["verdict"]]
        chosen = [c for c in cands if RANK[c["verdict"]] == top]
        verdict = cands[0]["verdict"]
        reasons = []
        for c in chosen:
            for reason in c["reasons"]:
                if reason not in reasons:
                    reasons.append(reason)
        best = chosen[0]
        derivation = best["links"] + [best["grant"]] + sorted(best["waivers"], key=_sort_key)
        kind = a.get("allegation_kind") or "individual_conduct"
        outcome = a.get("outcome")
        if verdict == UNKNOWN:  # no rule is known to have applied then, waiver rules included
            for c in chosen:
                c["waivers"] = []
            best["waivers"] = []
        derivation = best["links"] + [best["grant"]] + sorted(best["waivers"], key=_sort_key)
        could_waive = sorted({w["from"] for c in chosen for w in c["waivers"]})
        out.append({
            "allegation": alg_id, "summary": a.get("name"), "date": a.get("date"),
            "accused": sorted({c["links"][0]["to"] for c in cands}),
            "verdict": verdict, "reason": "; ".join(reasons),
            "immune_as": sorted({c["holder"] for c in chosen}),
            "instruments": sorted({c["instrument"] for c in chosen}),
            "could_waive": could_waive,
            "waiver": _waiver(outcome),
            "gap": gap_of(kind, verdict, outcome),
            "kind": kind, "status": a.get("status"), "outcome": outcome,
            "hedged": bool(a.get("hedged")), "same_as": sorted(entry["same_as"]),
            "n_sources": a.get("n_sources"), "n_origins": a.get("n_origins"), "weakest_link": a.get("weakest_link"),
            "derivation": derivation,
            "citations": _cites(a), "editorial": a.get("editorial"),
        })
    out.sort(key=lambda r: (r["date"] is None, r["date"] or "", r["allegation"]))
    return out


# --- validity filters (as_of) -------------------------------------------------------


def _as_of(params: dict) -> tuple[str, tuple[str, str] | None]:
    text = params.get("as_of") or ""
    return text, interval(text) if text else None


def derive_validity(rows: list[dict], params: dict) -> list[dict]:
    """Keep the links valid at ``as_of`` (each row's start/end); mark those that may be."""
    text, when = _as_of(params)
    out = []
    for r in rows:
        r = dict(r)
        r.pop("as_of", None)
        start, end = r.get("start"), r.get("end")
        if r.get("part") == "profile":
            r["valid"] = None
        elif when is None:
            r["valid"] = _span(start, end) if (start or end) else "no dates recorded"
        else:
            pos = compare(when, start, end)
            if pos in ("before", "after"):
                continue
            r["valid"] = ("yes" if pos == "inside" else f"possibly: {text} straddles {_span(start, end)}")
        out.append(r)
    return out


def derive_waivers(rows: list[dict], params: dict) -> list[dict]:
    """who-can-waive: rules in force at ``as_of``, with a verdict on the holder's immunity."""
    text, when = _as_of(params)
    when_text = text or "the present"
    mixed: dict[str, set] = {}
    for r in rows:  # a holder whose own category link is partial is of mixed status
        first = path_steps(r["path"])[:1] if r.get("path") else []
        for src, rel, dst in first:
            if rel.get("kind") == "IN_CATEGORY" and rel.get("partial") and src.get("id") == r["holder"].get("id"):
                mixed.setdefault(src["id"], set()).add(_name(dst))
    cands: dict[str, list[tuple]] = {}
    for r in rows:
        holder, covered = r["holder"], r["covered"]
        links = [step(s, rel, d) for s, rel, d in path_steps(r["path"])] if r.get("path") else []
        instrument, grant, waiver = r.get("grant_instrument") or {}, r.get("grant") or {}, r.get("waiver")
        if grant:
            verdict, reasons, force = judge_path(when, links, grant, instrument, r.get("superseded_on"), when_text)
            if when is not None and verdict == UNKNOWN:
                waiver = None  # no rule of that instrument applies then
        else:
            verdict, reasons, force = UNKNOWN, [f"the sources record a waiver rule but no grant of immunity for "
                                                f"{_name(covered)}"], {}
        verdict, reasons = mixed_status(verdict, reasons, holder, sorted(mixed.get(holder.get("id"), ())))
        derivation = list(links)
        row = {
            "holder": _name(holder), "holder_kind": holder.get("kind"), "covered_as": _name(covered),
            "verdict": verdict, "reason": "; ".join(reasons),
        }
        if grant:
            gstep = step(instrument, grant, covered, provision=grant.get("provision"),
                         **{k: v for k, v in force.items() if v})
            gstep["instrument_citations"] = _cites(instrument)
            derivation.append(gstep)
        if waiver:
            wi = r.get("waiver_instrument") or {}
            if when is not None and wi and compare(when, *in_force(wi, waiver)) in ("before", "after"):
                continue
            derivation.append(step(r["authority"], waiver, covered, provision=waiver.get("provision"),
                                   condition=waiver.get("condition")))
            row.update({"authority": _name(r["authority"]), "authority_kind": r["authority"].get("kind"),
                        "instrument": _name(wi) or waiver.get("instrument"), "provision": waiver.get("provision"),
                        "condition": waiver.get("condition")})
        elif verdict == UNKNOWN:
            row.update({"authority": None, "authority_kind": None, "instrument": _name(instrument) or None,
                        "provision": grant.get("provision"),
                        "condition": f"{_name(instrument)} did not apply at {when_text}; no waiver rule recorded for it"})
        else:
            row.update({"authority": None, "authority_kind": None, "instrument": _name(instrument) or None,
                        "provision": grant.get("provision"),
                        "condition": f"immune under {_name(instrument)}; no waiver authority recorded in the sources"})
        row["immune_under"] = _name(instrument) if grant else None
        row["derivation"] = derivation
        row["citations"] = [c for st in derivation for c in st["citations"]]
        key = _sort_key([holder.get("id"), covered.get("id"), instrument.get("id"), (waiver or {}).get("id")])
        row["_grant"] = (grant, instrument, force, r.get("authority") if waiver else None)
        cands.setdefault(key, []).append((-RANK[verdict], len(links), _sort_key(derivation), row))
    out = [min(group, key=lambda t: t[:3])[3] for group in cands.values()]
    if not params.get("_keep_grant"):
        for row in out:
            row.pop("_grant", None)
    # a rule with a grant supersedes the same waiver rule seen without one
    return sorted(out, key=lambda r: (r["holder"], r["authority"] or "~", r["covered_as"], r["immune_under"] or "",
                                      _sort_key(r["derivation"])))


def derive_grants(rows: list[dict], params: dict) -> list[dict]:
    """immunities: one row per grant, with its time in force, the verdict at ``as_of`` and who may waive it."""
    rules = derive_waivers(rows, dict(params, _keep_grant=True))
    grants: dict[str, dict] = {}
    for rule in rules:
        grant, instrument, force, authority = rule.pop("_grant")
        if not grant:
            continue
        key = _sort_key([rule["holder"], grant.get("id")])
        g = grants.get(key)
        if g is None:
            g = grants[key] = {
                "holder": rule["holder"], "holder_kind": rule["holder_kind"], "instrument": _name(instrument),
                "provision": grant.get("provision"), "immunity_kind": grant.get("immunity_kind"),
                "scope": grant.get("scope"), "in_force_from": force.get("in_force_from"),
                "in_force_until": force.get("in_force_until"), "verdict": rule["verdict"], "reason": rule["reason"],
                "waivable_by": [], "note": grant.get("note"), "editorial": grant.get("editorial"),
                "derivation": [st for st in rule["derivation"] if st["relation"] != "MAY_WAIVE"],
                "citations": _cites(grant), "hedged": bool(grant.get("hedged")),
                "weakest_link": grant.get("weakest_link"),
            }
        if authority:
            g["waivable_by"] = sorted(set(g["waivable_by"]) | {_name(authority)})
    return sorted(grants.values(), key=lambda g: (g["holder"], g["instrument"], g["provision"] or "",
                                                  _sort_key(g["citations"])))


DERIVERS: dict[str, Callable[[list[dict], dict], list[dict]]] = {
    "immunity-gaps": derive_gaps,
    "validity": derive_validity,
    "waivers": derive_waivers,
    "grants": derive_grants,
}


def check_params(params: dict) -> None:
    """Reject a malformed as_of before any work."""
    if params.get("as_of"):
        interval(params["as_of"])
