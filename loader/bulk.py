"""The embedded backend's bulk path: rows -> Parquet files -> ``COPY FROM``.

Rows are written to one Parquet file per node table and one per
(relationship type, source label, target label), with an explicit Arrow
schema derived from :mod:`accgraph.schema` (a column that is null in every row
must still arrive with its declared type).  The files live in the temporary
build folder of the database and are copied with one ``COPY`` statement each:
node tables first, then relationships.  ``COPY`` only ever reads files, never
in-memory tables.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

from accgraph import schema as S

#: Rows kept in memory per file before a row group is written.
FLUSH_ROWS = 50_000
#: Rows kept in memory over all files: past it, every file writes its rows.
MAX_BUFFERED_ROWS = 100_000


def _arrow_type(p: S.Prop):
    import pyarrow as pa

    return {
        "STRING": pa.string(),
        "INT64": pa.int64(),
        "DOUBLE": pa.float64(),
        "BOOLEAN": pa.bool_(),
        "STRING[]": pa.list_(pa.string()),
    }[S.PROP_TYPES[p.type][0]]


def node_columns(label: str) -> list[S.Prop]:
    return S.stored_node_columns(label)


def edge_columns(etype: str) -> list[S.Prop]:
    return S.stored_edge_columns(etype)


def arrow_schema(group) -> "pyarrow.Schema":  # noqa: F821
    import pyarrow as pa

    if isinstance(group, str):
        return pa.schema([(p.name, _arrow_type(p)) for p in node_columns(group)])
    cols = [("_from", pa.string()), ("_to", pa.string())]
    return pa.schema(cols + [(p.name, _arrow_type(p)) for p in edge_columns(group[0])])


#: Parquet column -> key of the row dicts, where they differ.
_ROW_KEYS = {"_from": "src", "_to": "dst"}


class ParquetSink:
    """Collects rows per table (or relationship pair) into Parquet files under ``folder``.

    A file writes its rows as a row group when it holds ``flush_rows`` of
    them, and every file does when all together hold ``max_buffered``, so
    memory stays bounded however many rows pass.
    """

    def __init__(self, folder: Path, flush_rows: int = FLUSH_ROWS, max_buffered: int = MAX_BUFFERED_ROWS):
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.flush_rows = flush_rows
        self.max_buffered = max_buffered
        self._buf: dict = {}
        self._schemas: dict = {}
        self._row_types: dict = {}
        self._writers: dict = {}
        self.files: dict = {}
        self.rows = 0
        self.buffered = 0

    def _name(self, group) -> str:
        if isinstance(group, str):
            return f"node-{group}.parquet"
        return "rel-" + "-".join(group) + ".parquet"

    def add(self, group, rows: Iterable[dict]) -> None:
        for row in rows:
            self.add_row(group, row)

    def add_row(self, group, row: dict) -> None:
        buf = self._buf.get(group)
        if buf is None:
            buf = self._buf[group] = []
        buf.append(row)
        self.buffered += 1
        if len(buf) >= self.flush_rows:
            self._flush(group)
        if self.buffered >= self.max_buffered:
            for g in list(self._buf):
                self._flush(g)

    def _flush(self, group) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        rows = self._buf.get(group)
        if not rows:
            return
        schema = self._schemas.get(group)
        if schema is None:
            schema = self._schemas[group] = arrow_schema(group)
            # The rows' own key names (src and dst for the two ends), so Arrow reads each dict in C++.
            self._row_types[group] = pa.struct([pa.field(_ROW_KEYS.get(f.name, f.name), f.type) for f in schema])
        table = pa.Table.from_struct_array(pa.array(rows, type=self._row_types[group])).rename_columns(schema.names)
        writer = self._writers.get(group)
        if writer is None:
            if group in self.files:
                raise ValueError(f"the file of {group} is closed already")
            path = self.folder / self._name(group)
            writer = self._writers[group] = pq.ParquetWriter(str(path), schema)
            self.files[group] = path
        writer.write_table(table)
        self.rows += len(rows)
        self.buffered -= len(rows)
        self._buf[group] = []

    def close_open(self, groups=None) -> dict:
        """Write and close the files still open (of ``groups``, or all): their ``{group: path}``,
        node tables first.

        Files closed before are not in it; a group whose file is closed takes no more rows.
        """
        for group in list(self._buf) if groups is None else groups:
            self._flush(group)
            self._buf.pop(group, None)
        out = {g: self.files[g] for g in (list(self._writers) if groups is None else groups) if g in self._writers}
        for group in out:
            self._writers.pop(group).close()
        return dict(sorted(out.items(), key=lambda kv: not isinstance(kv[0], str)))

    def close(self) -> dict:
        """Close every file; all the files this sink wrote, as ``{group: path}``."""
        self.close_open()
        return self.files


def _quote(path: Path) -> str:
    return "'" + str(path).replace("\\", "\\\\").replace("'", "\\'") + "'"


def copy_statements(files: dict) -> list[tuple[str, object]]:
    """``COPY`` statements for the files: node tables first, then relationship pairs."""
    out = []
    for group, path in files.items():
        if isinstance(group, str):
            out.append((f"COPY `{group}` FROM {_quote(path)}", group))
    for group, path in files.items():
        if not isinstance(group, str):
            etype, src, dst = group
            out.append((f"COPY `{etype}` FROM {_quote(path)} (from='{src}', to='{dst}')", group))
    return out
