"""Exports round-trip (GraphML, GEXF, NDJSON, FtM, neo4j-admin CSV) and --redact leaks nothing."""

from __future__ import annotations

import csv
import json
import os
import shutil
import socket
import subprocess
import time
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

from accgraph import export as X
from accgraph import queries, redact
from accgraph.cli import main
from accgraph.loader.backends import BackendError, Neo4jBackend

REPO = Path(__file__).resolve().parents[1]
ISF = "fac-interim-secure-facility"


def _records(backend, kinds=None):
    kinds = kinds or list(X.S.NODES)
    return list(X.iter_nodes(backend, kinds, batch=97)), list(X.iter_edges(backend, kinds, batch=97))


def _totals(backend):
    c = backend.counts()
    return sum(c["nodes"].values()), sum(c["edges"].values())


def test_batched_reading_sees_every_record(backend):
    nodes, edges = _records(backend)
    assert (len(nodes), len(edges)) == _totals(backend)
    assert len({n["id"] for n in nodes}) == len(nodes) and len({e["id"] for e in edges}) == len(edges)


def test_partial_dates_become_intervals():
    assert X.date_interval("2003") == ("2003-01-01", "2003-12-31")
    assert X.date_interval("2004-02") == ("2004-02-01", "2004-02-29")
    assert X.date_interval("2003-06-09") == ("2003-06-09", "2003-06-09")


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_graphml_and_gexf_round_trip(backend, tmp_path, fmt):
    path = tmp_path / f"g.{fmt}"
    counts = X.export(backend, fmt, path)
    nodes, edges = _records(backend)
    assert counts == {"nodes": len(nodes), "edges": len(edges)}
    g = nx.read_graphml(path, force_multigraph=True) if fmt == "graphml" else nx.read_gexf(path)
    assert (g.number_of_nodes(), g.number_of_edges()) == (len(nodes), len(edges))
    expected_nodes = {n["id"]: X.flat(n, edge=False) for n in nodes}
    expected_edges = {e["id"]: X.flat(e, edge=True) for e in edges}
    if fmt == "gexf":
        ready = X.gexf_ready(X.to_networkx(nodes, edges))
        expected_nodes = {n: {k: v for k, v in d.items() if k != "label"} for n, d in ready.nodes(data=True)}
        expected_edges = {k: {x: v for x, v in d.items() if x != "label"} for _, _, k, d in ready.edges(keys=True, data=True)}
    for node, data in g.nodes(data=True):
        data = {k: v for k, v in data.items() if k != "label"}
        assert data == expected_nodes[node], node
    for a, b, key, data in g.edges(keys=True, data=True):
        assert data.get("id", key) == key
        data = {k: v for k, v in data.items() if k not in ("label", "id")}
        assert data == {k: v for k, v in expected_edges[key].items() if k != "id"}, key
    isf = g.nodes[ISF]
    assert isf["name"] == "Interim Secure Facility" and json.loads(isf["aliases"]) == ["ISF"]
    if fmt == "graphml":
        assert isf["start"] in ("2003", "2003-03")
        assert (isf["start_from"], isf["start_to"]) == X.date_interval(isf["start"])
    else:
        assert isf["start"] == X.date_interval(isf["given_start"])[0]


def test_kind_filter_keeps_edges_between_chosen_kinds(backend, tmp_path):
    counts = X.export(backend, "ndjson", tmp_path / "x.ndjson", ["Organisation", "Facility"])
    lines = [json.loads(line) for line in (tmp_path / "x.ndjson").read_text(encoding="utf-8").splitlines()]
    assert {r["kind"] for r in lines if r["record"] == "node"} == {"Organisation", "Facility"}
    runs = [r for r in lines if r["record"] == "edge" and r["to"] == ISF]
    assert [(r["kind"], r["from"]) for r in runs] == [("RUNS", "org-unmik")]
    assert counts["nodes"] == sum(1 for r in lines if r["record"] == "node")


def test_ndjson_one_record_a_line_with_citations(backend, tmp_path):
    X.export(backend, "ndjson", tmp_path / "all.ndjson")
    lines = (tmp_path / "all.ndjson").read_text(encoding="utf-8").splitlines()
    assert len(lines) == sum(_totals(backend))
    isf = next(json.loads(x) for x in lines if f'"id": "{ISF}"' in x)
    assert isf["record"] == "node" and isf["kind"] == "Facility"
    assert isf["properties"]["aliases"] == ["ISF"]
    assert isf["citations"][0]["quote"].startswith("UNMIK has since March 2003 operated")


def test_ftm_entities_validate(embedded, tmp_path):
    from followthemoney import model

    counts = X.export(embedded, "ftm", tmp_path / "x.ftm.json")
    entities = [json.loads(x) for x in (tmp_path / "x.ftm.json").read_text(encoding="utf-8").splitlines()]
    assert len(entities) == counts["nodes"] + counts["edges"]
    ids = {e["id"] for e in entities}
    for e in entities:
        schema = model.get(e["schema"])
        assert schema.validate(e) is None, e
        proxy = model.get_proxy(e)
        for prop, value in proxy.itervalues():
            if prop.type.name == "entity":
                assert value in ids, (e["id"], prop.name, value)
    by_id = {e["id"]: e for e in entities}
    assert by_id[ISF]["schema"] == "Organization"
    assert by_id["org-unmik"]["schema"] == "PublicBody"
    runs = [e for e in entities if e["schema"] == "UnknownLink" and e["properties"]["object"] == [ISF]
            and e["properties"]["role"] == ["runs"]]
    assert sorted(e["properties"]["subject"][0] for e in runs) == ["org-unmik", "unit-vaau"]
    assert {by_id[i]["schema"] for i in by_id if i.startswith("alg-")} == {"Event"}
    assert {by_id[i]["schema"] for i in by_id if i.startswith("inst-")} == {"Document"}


def test_csv_headers_follow_neo4j_admin(embedded, tmp_path):
    X.export(embedded, "csv", tmp_path / "csv")
    with (tmp_path / "csv" / "nodes-Facility.csv").open(encoding="utf-8") as f:
        rows = list(csv.reader(f))
    assert rows[0][:3] == ["id:ID", "name", "aliases:string[]"] and rows[0][-1] == ":LABEL"
    isf = next(r for r in rows if r[0] == ISF)
    assert isf[1:3] == ["Interim Secure Facility", "ISF"] and isf[-1] == "Facility"
    with (tmp_path / "csv" / "relationships-RUNS.csv").open(encoding="utf-8") as f:
        rels = list(csv.reader(f))
    assert rels[0][:4] == [":START_ID", ":END_ID", ":TYPE", "id"]
    assert sorted(r[0] for r in rels[1:] if r[1] == ISF) == ["org-unmik", "unit-vaau"]
    script = (tmp_path / "csv" / "import.sh").read_text()
    assert "--nodes=nodes-Facility.csv" in script and "--array-delimiter=$'\\x1f'" in script


# --- neo4j-admin import into a fresh server ------------------------------------------------


def _free(port: int) -> bool:
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) != 0


@pytest.mark.neo4j
def test_csv_bulk_imports_into_a_fresh_neo4j(neo4j, tmp_path):
    """neo4j-admin database import of the CSV export; canned queries answer as on the loaded server."""
    bolt = int(os.environ.get("ACCGRAPH_IMPORT_BOLT_PORT", "7714"))
    http = int(os.environ.get("ACCGRAPH_IMPORT_HTTP_PORT", "7414"))
    if not (_free(bolt) and _free(http)) or shutil.which("java") is None:
        pytest.skip(f"needs java and free ports {bolt}, {http}")
    home = tmp_path / "n4j-import"
    env = {**os.environ, "ACCGRAPH_NEO4J_HOME": str(home), "NEO4J_BOLT_PORT": str(bolt),
           "NEO4J_HTTP_PORT": str(http), "ACCGRAPH_NEO4J_HEAP": "512m"}
    script = REPO / "scripts" / "neo4j"
    folder = tmp_path / "csv"
    X.export(neo4j, "csv", folder)
    try:
        subprocess.run([str(script), "import", str(folder)], env=env, check=True, capture_output=True)
        subprocess.run([str(script), "start"], env=env, check=True, capture_output=True)
        password = (home / "password").read_text(encoding="utf-8").split()[0]
        deadline = time.time() + 60
        while True:
            try:
                imported = Neo4jBackend(f"bolt://neo4j:{password}@127.0.0.1:{bolt}")
                break
            except BackendError:
                if time.time() > deadline:
                    raise
                time.sleep(1)
        with imported:
            assert imported.counts() == neo4j.counts()
            kinds = list(X.S.NODES)
            assert list(X.iter_nodes(imported, kinds)) == list(X.iter_nodes(neo4j, kinds))
            assert list(X.iter_edges(imported, kinds)) == list(X.iter_edges(neo4j, kinds))
            for q in queries.catalogue().values():
                given = {p.name: p.example for p in q.params if p.example}
                assert queries.run(imported, q, given) == queries.run(neo4j, q, given), q.name
    finally:
        subprocess.run([str(script), "stop"], env=env, capture_output=True)


# --- redaction --------------------------------------------------------------------------


def test_victims_witnesses_and_child_cases_are_restricted(embedded):
    r = redact.Redactor(embedded)
    assert {"person-ai-vesna-2003", "person-ai-lj", "person-ai-german-kfor-soldier-macedonia",
            "case-ai-romani-girl-13", "case-ai-peja-2003"} <= set(r.kinds)
    assert not {"unit-tpiu", "org-cpwc", ISF, "person-ai-peja-2003-pakistani-officer"} & set(r.kinds)
    assert r.node_id("person-ai-lj") == redact.placeholder_id("person-ai-lj") == "restricted-" + \
        redact._hash("person-ai-lj")


def _forbidden(backend) -> list[str]:
    r = redact.Redactor(backend)
    rows = backend.read("MATCH (n) WHERE n.id IN $ids AND n.kind IS NOT NULL RETURN n", {"ids": sorted(r.kinds)})
    out = set()
    for row in rows:
        n = row["n"]
        out.add(n["id"])
        out |= {s for s in [n["name"]] + list(n.get("aliases") or []) if len(s) >= 4}
        out |= {c["quote"] for c in n.get("citations") or [] if c.get("quote") and len(c["quote"].split()) >= 8}
    return sorted(out)


def test_no_restricted_string_in_any_redacted_output(embedded_path, embedded, tmp_path):
    forbidden = _forbidden(embedded)
    assert "Vesna" in forbidden and "L.J." in forbidden and "person-ai-lj" in forbidden
    runner = CliRunner()
    db = ["--db", str(embedded_path)]
    outputs = {}
    for fmt in ("graphml", "gexf", "ndjson", "ftm", "csv"):
        out = tmp_path / f"export.{fmt}"
        plain = tmp_path / f"plain.{fmt}"
        res = runner.invoke(main, ["export", "--format", fmt, "-o", str(out), "--redact", *db])
        assert res.exit_code == 0, res.output
        same = runner.invoke(main, ["export", "--format", fmt, "-o", str(plain), *db])
        assert res.output.split("(")[1] == same.output.split("(")[1]  # the same counts
        files = sorted(out.glob("*")) if out.is_dir() else [out]
        outputs[fmt] = "".join(p.read_text(encoding="utf-8") for p in files)
    for args in (["report"], ["report", "--html"], ["viz", "all"], ["viz", "case", "-p", "id", "case-ai-romani-girl-13"]):
        out = tmp_path / ("-".join(args) + ".out")
        res = runner.invoke(main, [*args, "-o", str(out), "--redact", *db])
        assert res.exit_code == 0, res.output
        outputs[" ".join(args)] = out.read_text(encoding="utf-8")
    res = runner.invoke(main, ["browser", "guide", "--redact", *db])
    outputs["guide"] = res.output
    for name, text in outputs.items():
        low = text.lower()
        leaks = [s for s in forbidden if s.lower() in low or json.dumps(s)[1:-1].lower() in low]
        assert not leaks, (name, leaks[:5])
    assert "[restricted Person " in outputs["ndjson"] and "[restricted quote]" in outputs["ndjson"]


def test_redacted_placeholders_are_stable_and_keep_structure(embedded, tmp_path):
    X.export(embedded, "ndjson", tmp_path / "a.ndjson", redact=True)
    X.export(embedded, "ndjson", tmp_path / "b.ndjson", redact=True)
    a = (tmp_path / "a.ndjson").read_text(encoding="utf-8")
    assert a == (tmp_path / "b.ndjson").read_text(encoding="utf-8")
    recs = [json.loads(x) for x in a.splitlines()]
    pid = redact.placeholder_id("person-ai-vesna-2003")
    vesna = next(r for r in recs if r["id"] == pid)
    assert vesna["properties"]["name"] == redact.placeholder_name("Person", "person-ai-vesna-2003")
    assert all(c["quote"] == redact.QUOTE for c in vesna["citations"])
    touching = [r for r in recs if r["record"] == "edge" and pid in (r["from"], r["to"])]
    assert touching and all(c.get("quote") in (None, redact.QUOTE) for r in touching for c in r["citations"])
