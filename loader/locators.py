"""Check citations against the documents they cite.

A locator (``at:``) names lines, e.g. ``"Overview para H, lines 12-14"``.
Given the folder of source documents, every quote must be found in its
document (an error when it is not) and must lie within the cited lines (a
``locator-range`` warning when it does not, with the lines that do hold it).
``fix`` rewrites such line ranges in the YAML text, and nothing else.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from pathlib import Path

from accgraph.loader import yamlio

#: "line 5", "lines 5-7", "lines 7 and 130-131", "lines 5, 9"
LINES_RE = re.compile(
    r"\blines?\s+(\d+(?:\s*[-\u2013]\s*\d+)?(?:\s*(?:,|and|&)\s*\d+(?:\s*[-\u2013]\s*\d+)?)*)")
_RANGE_RE = re.compile(r"(\d+)(?:\s*[-\u2013]\s*(\d+))?")


def cited_ranges(at: str) -> list[tuple[int, int]]:
    """The line ranges a locator names, in order; empty if it names none."""
    out = []
    for m in LINES_RE.finditer(at):
        for r in _RANGE_RE.finditer(m.group(1)):
            a = int(r.group(1))
            b = int(r.group(2)) if r.group(2) else a
            out.append((a, max(a, b)))
    return out


def format_range(a: int, b: int) -> str:
    return f"line {a}" if a == b else f"lines {a}-{b}"


@dataclass
class Document:
    """A source document: its lines, and its normalised text with line offsets."""

    name: str
    lines: list[str]
    text: str = ""  # normalised, one space between lines
    starts: list[int] = field(default_factory=list)  # offset in text where each kept line starts
    numbers: list[int] = field(default_factory=list)  # the 1-based line number of each kept line

    @classmethod
    def read(cls, name: str, raw: str) -> "Document":
        from accgraph.loader.validate import normalise_text

        doc = cls(name, raw.split("\n"))
        parts, pos = [], 0
        for i, line in enumerate(doc.lines, 1):
            norm = normalise_text(line)
            if not norm:
                continue
            doc.starts.append(pos)
            doc.numbers.append(i)
            parts.append(norm)
            pos += len(norm) + 1
        doc.text = " ".join(parts)
        return doc

    def line_at(self, offset: int) -> int:
        return self.numbers[bisect.bisect_right(self.starts, offset) - 1]

    def offset_of_line(self, line: int, end: bool = False) -> int:
        """Offset where line ``line`` starts (or, with ``end``, where it ends) in :attr:`text`."""
        i = bisect.bisect_left(self.numbers, line + 1 if end else line)
        if end:
            return self.starts[i] - 1 if i < len(self.starts) else len(self.text)
        return self.starts[i] if i < len(self.starts) else len(self.text)

    def occurrences(self, quote: str) -> list[tuple[int, int]]:
        """Line spans (first, last) where the normalised quote occurs."""
        out, start = [], self.text.find(quote)
        while start >= 0:
            out.append((self.line_at(start), self.line_at(start + len(quote) - 1)))
            start = self.text.find(quote, start + 1)
        return out


def within(span: tuple[int, int], ranges: list[tuple[int, int]]) -> bool:
    return any(a <= span[0] and span[1] <= b for a, b in ranges)


def nearest(spans: list[tuple[int, int]], ranges: list[tuple[int, int]]) -> tuple[int, int]:
    a = ranges[0][0] if ranges else 0
    return min(spans, key=lambda s: (abs(s[0] - a), s[0]))


@dataclass
class RangeFix:
    """A line range to rewrite: in ``file`` at ``line``, ``old`` becomes ``new``."""

    file: str
    line: int
    old: str
    new: str


def source_documents(ds, sources_dir: Path, line_maps) -> dict[str, Document | None]:
    """Read each primary document named by a Source node, only inside ``sources_dir``."""
    from accgraph.loader.validate import Issue, fmt_path

    root = sources_dir.resolve()
    docs: dict[str, Document | None] = {}
    for rec in ds.nodes.values():
        if rec.type != "Source" or "file" not in rec.data:
            continue
        name = rec.data["file"]
        p = rec.path + ("file",)
        where = (rec.file, line_maps[rec.file].line(p), fmt_path(p))
        target = (root / name).resolve()
        docs[rec.id] = None
        if Path(name).is_absolute() or root not in target.parents:
            ds.issues.append(Issue(*where, f"source file {name!r} is outside the sources directory"))
        elif not target.is_file():
            ds.issues.append(Issue(*where, f"source file {name!r} not found in {sources_dir}"))
        else:
            docs[rec.id] = Document.read(name, target.read_text(encoding="utf-8", errors="replace"))
    return docs


def check(ds, sources_dir: Path, line_maps: dict[str, yamlio.LineMap]) -> list[RangeFix]:
    """Check every quote and locator against the documents; return the range fixes found."""
    from accgraph.loader.validate import Issue, fmt_path, normalise_text, warn

    docs = source_documents(ds, sources_dir, line_maps)
    fixes: list[RangeFix] = []
    for rec in list(ds.nodes.values()) + ds.edges:
        for c in rec.data["cite"]:
            doc = docs.get(c["source"])
            if doc is None:
                continue
            lines = line_maps[rec.file]
            at_path = c["_path"] + ("at",)
            ranges = cited_ranges(c["at"])
            if not ranges:
                warn(ds, rec, rec.file, lines.line(at_path), at_path,
                     f"locator {c['at']!r} names no line numbers", "locator-lines")
            if "quote" not in c:
                continue
            q_path = c["_path"] + ("quote",)
            spans = doc.occurrences(normalise_text(c["quote"]))
            if not spans:
                ds.issues.append(Issue(rec.file, lines.line(q_path), fmt_path(q_path), f"quote not found in {doc.name}"))
                continue
            if not ranges or within(spans[0], ranges) or any(within(s, ranges) for s in spans[1:]):
                continue
            a, b = nearest(spans, ranges)
            if len(ranges) == 1 and a <= ranges[0][1] + 2 and b >= ranges[0][0] - 2:
                a, b = min(a, ranges[0][0]), max(b, ranges[0][1])  # widen the cited range to hold the quote
            cited = ", ".join(format_range(*r) for r in ranges)
            warn(ds, rec, rec.file, lines.line(at_path), at_path,
                 f"quote is not within {cited} of {doc.name}; it is at {format_range(a, b)}", "locator-range")
            if len(ranges) == 1:
                m = list(LINES_RE.finditer(c["at"]))
                if len(m) == 1:
                    fixes.append(RangeFix(rec.file, lines.line(at_path), m[0].group(0), format_range(a, b)))
    return fixes


def apply_fixes(fixes: list[RangeFix]) -> tuple[int, list[RangeFix]]:
    """Rewrite the line ranges in the YAML files; return (how many done, those not done).

    Only the old range text on the locator's own line is replaced, and only
    when it occurs there once, so every other byte of the file stays as it was.
    """
    done, skipped = 0, []
    by_file: dict[str, list[RangeFix]] = {}
    for fx in fixes:
        by_file.setdefault(fx.file, []).append(fx)
    for name, items in by_file.items():
        data = Path(name).read_bytes()
        lines = data.split(b"\n")
        for fx in items:
            i = fx.line - 1
            old, new = fx.old.encode(), fx.new.encode()
            line = lines[i] if 0 <= i < len(lines) else b""
            pattern = re.compile(rb"(?<![0-9A-Za-z])" + re.escape(old) + rb"(?![0-9])")
            if len(pattern.findall(line)) != 1:
                skipped.append(fx)
                continue
            lines[i] = pattern.sub(new.replace(b"\\", b"\\\\"), line)
            done += 1
        Path(name).write_bytes(b"\n".join(lines))
    return done, skipped
