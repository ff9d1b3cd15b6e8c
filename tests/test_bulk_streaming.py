"""Large loads stream their rows: the same rows as the batched path, bounded buffers, shared citations."""

from __future__ import annotations

import json
import shutil

import pyarrow.parquet as pq
import pytest

from accgraph import schema as S
from accgraph.loader import bulk
from accgraph.loader import load as L
from accgraph.loader import rows as R
from accgraph.loader import validate as V
from tests.conftest import SEEDS


def _key(group, row) -> str:
    return json.dumps([group, row], sort_keys=True, default=str)


def test_streamed_rows_are_the_rows_of_the_batched_path():
    ds = L.read_valid(SEEDS)
    node_rows, edge_rows = R.dataset_rows(ds)
    R.add_term_rows(node_rows, edge_rows)
    expected = sorted([_key(g, r) for g, rows in node_rows.items() for r in rows]
                      + [_key(list(g), r) for g, rows in edge_rows.items() for r in rows])
    spent = L.read_valid(SEEDS)
    streamed = sorted(_key(list(g) if isinstance(g, tuple) else g, r)
                      for g, r in R.stream_rows(spent, terms=True, release=True))
    assert streamed == expected
    assert spent.edges == []  # released as their rows were made


def test_parquet_sink_holds_at_most_its_bound_and_writes_every_row(tmp_path):
    sink = bulk.ParquetSink(tmp_path, flush_rows=4, max_buffered=3)
    most = 0
    for i in range(10):
        sink.add_row(S.LOOKUP_LABEL, {"id": f"k{i}"})
        sink.add_row((S.LOOKUP_REL, S.LOOKUP_LABEL, "Person"), {"src": f"k{i}", "dst": f"p{i}", "field": "id"})
        most = max(most, sink.buffered)
    files = sink.close()
    assert most < 3
    assert pq.read_table(files[S.LOOKUP_LABEL]).column("id").to_pylist() == [f"k{i}" for i in range(10)]
    rel = pq.read_table(files[(S.LOOKUP_REL, S.LOOKUP_LABEL, "Person")]).to_pydict()
    assert rel["_from"] == [f"k{i}" for i in range(10)] and rel["_to"] == [f"p{i}" for i in range(10)]


def test_bulk_records_that_cite_alike_share_citations_and_keep_their_own_lines(tmp_path):
    root = tmp_path / "seeds"
    shutil.copytree(SEEDS, root, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    cite = [{"source": "doc-amnesty-2004", "at": "bulk"}]
    bad = [{"source": "doc-nowhere", "at": "bulk"}]
    lines = [
        {"id": "person-bulk-1", "type": "Person", "name": "Bulk One", "cite": cite},
        {"id": "person-bulk-2", "type": "Person", "name": "Bulk Two", "cite": bad},
        {"id": "person-bulk-3", "type": "Person", "name": "Bulk Three", "cite": cite},
        {"id": "person-bulk-4", "type": "Person", "name": "Bulk Four", "cite": bad},
    ]
    f = root / "people.ndjson"
    f.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    ds = V.read(root)
    assert [str(i) for i in ds.issues if i.file == str(f)] == [
        f"{f}:2: nodes[1].cite[0].source: unknown id 'doc-nowhere'",
        f"{f}:4: nodes[3].cite[0].source: unknown id 'doc-nowhere'",
    ]
    one, three = ds.nodes["person-bulk-1"], ds.nodes["person-bulk-3"]
    assert one.data["cite"] is three.data["cite"]
    assert one.data["cite"] == [{"source": "doc-amnesty-2004", "at": "bulk"}]
    assert V.cite_path(three, 0, three.data["cite"][0]) == ("nodes", 2, "cite", 0)


def test_prefetched_keeps_order_raises_the_producers_error_and_stops_with_its_consumer():
    from accgraph.loader.load import prefetched

    assert list(prefetched(iter(range(50)), depth=2)) == list(range(50))

    def broken():
        yield 1
        raise ValueError("row 2 is wrong")

    got = []
    with pytest.raises(ValueError, match="row 2 is wrong"):
        for item in prefetched(broken()):
            got.append(item)
    assert got == [1]

    made = []

    def endless():
        n = 0
        while True:
            made.append(n)
            yield n
            n += 1

    stream = prefetched(endless(), depth=2)
    assert [next(stream) for _ in range(3)] == [0, 1, 2]
    stream.close()  # the consumer stops: the producer thread ends instead of running on
    assert len(made) <= 3 + 2 + 2
