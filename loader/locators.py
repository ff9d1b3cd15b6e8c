"""Check citations against the documents they cite.

A locator (``at:``) names lines, e.g. ``"Overview para H, lines 12-14"``.
Given the folder of source documents, every quote must be found in its
document (an error when it is not) and must lie within the cited lines (a
``locator-range`` warning when it does not, with the lines that do hold it).
``fix`` rewrites such line ranges in the YAML text, and nothing else.
"""

from __future__ import annotations

import bisect
import functools
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
    kind: str = ""  # the Source's source_kind, which selects KIND_RULES
    text: str = ""  # normalised, one space between lines
    starts: list[int] = field(default_factory=list)  # offset in text where each kept line starts
    numbers: list[int] = field(default_factory=list)  # the 1-based line number of each kept line

    _structure: "Structure | None" = None

    @property
    def structure(self) -> "Structure":
        if self._structure is None:
            self._structure = structure(self.lines, self.kind)
        return self._structure

    @classmethod
    def read(cls, name: str, raw: str, kind: str = "") -> "Document":
        from accgraph.loader.validate import normalise_text

        doc = cls(name, raw.split("\n"), kind)
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
            docs[rec.id] = Document.read(name, target.read_text(encoding="utf-8", errors="replace"),
                                         rec.data.get("source_kind", ""))
    return docs


def check(ds, sources_dir: Path, line_maps: dict[str, yamlio.LineMap]) -> list[RangeFix]:
    """Check every quote and locator against the documents; return the range fixes found."""
    from accgraph.loader.validate import Issue, cite_path, fmt_path, normalise_text, warn

    docs = source_documents(ds, sources_dir, line_maps)
    fixes: list[RangeFix] = []
    for rec in list(ds.nodes.values()) + ds.edges:
        for i, c in enumerate(rec.data["cite"]):
            doc = docs.get(c["source"])
            if doc is None:
                continue
            lines = line_maps[rec.file]
            at_path = cite_path(rec, i, c) + ("at",)
            ranges = cited_ranges(c["at"])
            if not ranges:
                warn(ds, rec, rec.file, lines.line(at_path), at_path,
                     f"locator {c['at']!r} names no line numbers", "locator-lines")
            for segment in c["at"].split(";"):
                seg_ranges = cited_ranges(segment)
                if not seg_ranges:
                    continue
                problem = section_problem(doc, doc.structure, parse_label(segment), seg_ranges[0][0])
                if problem:
                    warn(ds, rec, rec.file, lines.line(at_path), at_path, f"{segment.strip()!r}: {problem}",
                         "locator-section")
            if "quote" not in c:
                continue
            q_path = cite_path(rec, i, c) + ("quote",)
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


# --- the section and paragraph map of a document -----------------------------------
#
# Headings and paragraph numbers are found in the text itself:
# - "Chapter 2: ...", "2. Background", "3.d Shelter", "1.2 Recommendations to the UN"
#   are numbered headings; their numbering gives their depth;
# - a short line after a blank line that does not end a sentence is a heading
#   with no number; it runs to the next heading;
# - "2.1." at the start of a paragraph numbers that paragraph.
# Headings with no text between them (a chapter title and its first heading)
# stand together.  What differs by kind of document is kept in KIND_RULES.

_KEY = re.compile(r"[^a-z0-9]+")


def key(text: str) -> str:
    """Folded form of a heading or label: letters and digits only, single spaces."""
    from accgraph.textkey import fold

    return _KEY.sub(" ", fold(text)).strip()


@dataclass(frozen=True)
class Mark:
    """A heading or a numbered paragraph: where it starts and how it can be cited."""

    line: int
    level: int
    number: str  # "2", "2.1", "3.d", "A", "" for an unnumbered heading
    text: str
    kind: str = "heading"  # heading | para

    @functools.cached_property
    def keys(self) -> tuple[str, ...]:
        rest = re.sub(r"^(?:chapter\s+|annex\s+)?[0-9a-z]+(?:\.[0-9a-z]+)*[.:]?\s+", "", self.text.strip(), flags=re.I)
        return tuple({key(self.text), key(rest)} - {""})


_NUMBERED = [
    (re.compile(r"^(?:Chapter|CHAPTER)\s+(\d+)\b"), 0),
    (re.compile(r"^(?:Annex|ANNEX)\s+([A-Z])\b"), 0),
    (re.compile(r"^(\d+)\.\s+\S"), 1),
    (re.compile(r"^(\d+\.(?:\d+|[a-z]))\.?\s+\S"), 2),
]
_PARA_DEFAULT = [(re.compile(r"^(?:-\s+)?(?:\*\*)?(\d+\.\d+)\.(?:\*\*)?\s"), 1)]
_SENTENCE_END = tuple(".,;:")
_GLOSSARY = re.compile(r"^(?:abbreviations|acronyms|glossary)\b", re.I)
MAX_HEADING_WORDS = 14
MAX_HEADING_CHARS = 72  # an unnumbered heading is a short line; wrapped body text is longer

#: How documents of a kind (the Source's source_kind) are laid out, where it
#: differs from the default.
KIND_RULES: dict[str, dict] = {
    # Paragraphs are not numbered in the text: "para 3" is the third paragraph.
    "press_release": {"counted_paragraphs": True, "headings": False},
    # Upper-case telegram: its sections are "OVERVIEW (PARA 23 REF A)" and the
    # like; paragraphs are numbered "1." and, inside the report, lettered "A.".
    "diplomatic_cable": {
        "headings": False,
        "section": re.compile(r"^([A-Z][A-Z ,/&-]+?)\s*\(PARA\b"),
        "paras": [(re.compile(r"^(\d)\.\s+\S"), 1), (re.compile(r"^([A-L])\.\s+\S"), 2)],
    },
}


def _marks(lines: list[str], kind: str) -> list[Mark]:
    rules = KIND_RULES.get(kind, {})
    paras = rules.get("paras", _PARA_DEFAULT)
    out: list[Mark] = []
    counted = 0
    prev_blank = True
    glossary = False  # inside a list of abbreviations: its entries are not headings
    for i, raw in enumerate(lines, 1):
        text = raw.strip()
        if not text:
            prev_blank = True
            continue
        words = len(text.split())
        if rules.get("counted_paragraphs"):
            if prev_blank and words > 12:
                counted += 1
                out.append(Mark(i, 1, str(counted), text, "para"))
        section = rules.get("section")
        if section is not None and section.match(text):
            out.append(Mark(i, 1, "", section.match(text).group(1), "heading"))
        for rx, level in paras:
            m = rx.match(text)
            if m:
                out.append(Mark(i, level, m.group(1), text, "para"))
                break
        if rules.get("headings", True):
            for rx, level in _NUMBERED:
                m = rx.match(text)
                if m and not any(rx2.match(text) for rx2, _ in paras):
                    out.append(Mark(i, level, m.group(1), text))
                    glossary = False
                    break
            else:
                if (not glossary and prev_blank and words <= MAX_HEADING_WORDS and text[0].isupper() and not text.endswith(_SENTENCE_END)
                        and len(text) <= MAX_HEADING_CHARS):
                    out.append(Mark(i, 9, "", text))
                    glossary = bool(_GLOSSARY.match(text))
        prev_blank = False
    return out


@dataclass
class Structure:
    """For every line of a document, the headings and paragraphs it lies in."""

    headings: list[tuple[Mark, ...]]  # index: line number
    paras: list[tuple[Mark, ...]]
    all_headings: list[Mark]


def structure(lines: list[str], kind: str) -> Structure:
    marks = _marks(lines, kind)
    by_line: dict[int, list[Mark]] = {}
    for m in marks:
        by_line.setdefault(m.line, []).append(m)
    heads: list[list] = []  # stack of [level, [marks]]
    paras: list[Mark] = []
    body_since_heading = True
    h_out: list[tuple[Mark, ...]] = [()]
    p_out: list[tuple[Mark, ...]] = [()]
    for i, raw in enumerate(lines, 1):
        here = by_line.get(i, [])
        for m in here:
            if m.kind == "heading":
                if not body_since_heading and heads:
                    top = heads[-1]
                    if m.level >= top[0]:
                        if m.level == top[0]:
                            top[1].append(m)
                        else:
                            heads.append([m.level, [m]])
                    else:
                        group = []
                        while heads and heads[-1][0] >= m.level:
                            group = heads.pop()[1] + group
                        heads.append([m.level, group + [m]])
                else:
                    while heads and heads[-1][0] >= m.level:
                        heads.pop()
                    heads.append([m.level, [m]])
                paras = []
            else:
                while paras and paras[-1].level >= m.level:
                    paras.pop()
                paras.append(m)
        text = raw.strip()
        if any(m.kind == "heading" for m in here):
            body_since_heading = False
        elif len(text) > MAX_HEADING_CHARS or text.endswith(_SENTENCE_END):
            body_since_heading = True  # short lines that end no sentence continue a heading or a list of them
        h_out.append(tuple(m for _, ms in heads for m in ms))
        p_out.append(tuple(paras))
    return Structure(h_out, p_out, [m for m in marks if m.kind == "heading"])


# --- what a locator's label names ----------------------------------------------------

#: Labels that name a part of a document without a heading.
GENERIC_LABELS = {"header", "title page", "signature", "addressees", "reference line", "header and signature",
                  "footnote", "footnotes"}
_FOOTNOTES = re.compile(r"\bfootnotes?\s+\d+(?:\s*(?:,|and|&)\s*\d+)*", re.I)
_PARA = re.compile(r"\bpara(?:graph)?\s+([0-9A-Za-z]+(?:\.[0-9A-Za-z]+)*)", re.I)
_ANNEX = re.compile(r"\bannex\s+([a-z])\.(\d+)\b", re.I)


@dataclass
class Label:
    heading: str = ""  # folded heading text, or ""
    para: str = ""
    annex: tuple[str, str] | None = None


def parse_label(text: str) -> Label:
    text = LINES_RE.sub(" ", text)
    text = _FOOTNOTES.sub(" ", text)
    out = Label()
    m = _ANNEX.search(text)
    if m:
        out.annex = (m.group(1).lower(), m.group(2))
        return out
    m = _PARA.search(text)
    if m:
        out.para = m.group(1).rstrip(".").lower()
        text = text[:m.start()] + " " + text[m.end():]
    text = re.sub(r"\([^)]*\)|\[[^\]]*\]", " ", text)
    text = re.sub(r"(?:\s+\d+(?:\.\d+)*)+\s*[,;]*\s*$", "", text.strip(" ,;"))  # item numbers after the heading
    head = key(text)
    head = re.sub(r"\s+and$", "", head)
    if head in GENERIC_LABELS:
        head = ""
    out.heading = head
    return out


def _names(mark: Mark, head: str) -> bool:
    return any(k == head or k.startswith(head + " ") or head.startswith(k + " ") for k in mark.keys)


def section_problem(doc: "Document", st: Structure, label: Label, line: int) -> str | None:
    """Why the label does not name the section/paragraph holding ``line``; None when it does."""
    if not 1 <= line < len(st.headings):
        return f"line {line} is beyond the end of {doc.name}"
    chain = st.headings[line]
    if label.annex is not None:
        letter, item = label.annex
        if not any(m.level == 0 and m.number == letter.upper() and key(m.text).startswith("annex")
                   for m in st.all_headings):
            return f"{doc.name} has no Annex {letter.upper()}"
        in_annex = any(m.level == 0 and m.number == letter.upper() for m in chain)
        if not (in_annex and any(m.level == 1 and m.number == item for m in chain)):
            return f"line {line} is not in Annex {letter.upper()}.{item}" + _under(chain)
        return None
    if label.heading and not any(_names(m, label.heading) for m in chain):
        named = [m for m in st.all_headings if _names(m, label.heading)]
        if not named:
            return f"{doc.name} has no heading {label.heading!r}"
        return f"line {line} is not under {named[0].text.strip()!r}" + _under(chain)
    if label.para:
        paras = st.paras[line]
        if not any(m.number.lower() == label.para for m in paras):
            where = f"; it is in para {paras[-1].number}" if paras else "; it is in no numbered paragraph"
            return f"line {line} is not in para {label.para}{where}"
    return None


def _under(chain: tuple[Mark, ...]) -> str:
    return f"; it is under {chain[-1].text.strip()!r}" if chain else ""
