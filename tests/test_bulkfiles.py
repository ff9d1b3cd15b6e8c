"""NDJSON bulk files next to the YAML seeds: same schema, same file:line errors."""

from __future__ import annotations

import json
import shutil

import pytest

from accgraph.loader import load as L
from accgraph.loader import validate as V
from accgraph.loader.backends import EmbeddedBackend
from tests.conftest import SEEDS

CITE = [{"source": "doc-amnesty-2004", "at": "bulk"}]


def seeds_with(tmp_path, lines: list) -> tuple:
    root = tmp_path / "seeds"
    shutil.copytree(SEEDS, root, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    f = root / "bulk" / "people.ndjson"
    f.parent.mkdir()
    f.write_text("".join((x if isinstance(x, str) else json.dumps(x)) + "\n" for x in lines), encoding="utf-8")
    return root, f


def test_ndjson_records_load_with_the_yaml(tmp_path):
    root, _ = seeds_with(tmp_path, [
        {"id": "person-bulk-1", "type": "Person", "name": "Bulk Person", "aliases": ["B. Person"], "cite": CITE},
        "",
        {"type": "MEMBER_OF", "from": "person-bulk-1", "to": "org-kfor", "cite": CITE},
    ])
    path = tmp_path / "g.lbdb"
    L.load(None, root, replace=True, embedded_path=path)
    with EmbeddedBackend(path, read_only=True) as be:
        assert be.read("MATCH (p:Person {id: 'person-bulk-1'})-[r:MEMBER_OF]->(o) RETURN p.name AS name, o.id AS org, "
                       "r.id AS rel") == [{"name": "Bulk Person", "org": "org-kfor",
                                           "rel": "member_of:person-bulk-1:org-kfor"}]
        assert be.read("MATCH (l:Lookup {id: 'b. person'})-[r:LOOKUP_OF]->(p) RETURN p.id AS id, r.field AS f") == \
            [{"id": "person-bulk-1", "f": "alias"}]


def test_ndjson_errors_name_file_and_line(tmp_path):
    root, f = seeds_with(tmp_path, [
        {"id": "person-bulk-1", "type": "Person", "name": "Bulk Person", "cite": CITE},
        "{not json",
        {"id": "person-bulk-2", "type": "Person", "name": 12345, "cite": CITE},
        {"type": "MEMBER_OF", "from": "person-bulk-1", "to": "org-nowhere", "cite": CITE},
        {"id": "person-bulk-1", "type": "Person", "name": "Again", "cite": CITE},
    ])
    ds = V.read(root)
    mine = [str(i) for i in ds.issues if i.file == str(f)]
    assert [m.split(":")[1] for m in mine] == ["2", "3", "4", "5"]
    assert mine[0].startswith(f"{f}:2: not a JSON object")
    assert "unknown id 'org-nowhere'" in mine[2]
    assert "duplicate id 'person-bulk-1'" in mine[3]
    with pytest.raises(L.InvalidSeeds):
        L.load(None, root, replace=True, embedded_path=tmp_path / "g.lbdb")


def write_csv(root, name, text):
    f = root / "bulk" / name
    f.parent.mkdir(exist_ok=True)
    f.write_text(text, encoding="utf-8")
    return f


CITE_CELL = '"[{""source"": ""doc-amnesty-2004"", ""at"": ""bulk""}]"'


def test_csv_in_the_neo4j_admin_header_format_loads_with_the_yaml(tmp_path):
    root, _ = seeds_with(tmp_path, [])
    write_csv(root, "people.csv",
              "id:ID,:LABEL,name,aliases:string[],hedged:boolean,cite\n"
              f"person-csv-1,Person,\"Csv, Person\",C. P.;CP,true,{CITE_CELL}\n")
    write_csv(root, "rels.csv",
              ":START_ID,:END_ID,:TYPE,victim,step:int,cite\n"
              f"org-kfor,org-kfor,REFERS_VICTIMS_TO,international,2,{CITE_CELL}\n")
    path = tmp_path / "g.lbdb"
    L.load(None, root, replace=True, embedded_path=path)
    with EmbeddedBackend(path, read_only=True) as be:
        assert be.read("MATCH (p:Person {id: 'person-csv-1'}) RETURN p.name AS name, p.aliases AS aliases, "
                       "p.hedged AS hedged") == [{"name": "Csv, Person", "aliases": ["C. P.", "CP"], "hedged": True}]
        assert be.read("MATCH (:Organisation {id: 'org-kfor'})-[r:REFERS_VICTIMS_TO]->() "
                       "WHERE r.id = 'refers_victims_to:org-kfor:org-kfor' RETURN r.step AS step") == [{"step": 2}]


def test_csv_errors_name_file_and_line(tmp_path):
    root, _ = seeds_with(tmp_path, [])
    f = write_csv(root, "people.csv",
                  "id:ID,:LABEL,name,hedged:boolean,cite\n"
                  f"person-csv-1,Person,Ok,true,{CITE_CELL}\n"
                  f"person-csv-2,Person,Bad,maybe,{CITE_CELL}\n"
                  "person-csv-3,Person,No cite,false,\n"
                  "person-csv-4,Person\n")
    ds = V.read(root)
    mine = [str(i) for i in ds.issues if i.file == str(f)]
    assert [m.split(":")[1] for m in mine] == ["3", "4", "5"]
    assert "expected true or false, got 'maybe'" in mine[0]
    assert "no citation" in mine[1]
    assert mine[2] == f"{f}:5: expected 5 fields as in the header, got 2"
