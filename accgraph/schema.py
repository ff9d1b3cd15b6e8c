"""The graph model, defined once.

Every node type, edge type, property, enumeration and allowed endpoint lives
here.  Validation, the Neo4j constraints, the LadybugDB DDL, the data-model
documentation, the HTML view styles and the Neo4j Browser stylesheet are all
derived from these definitions; nothing else in the code base lists them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

# --- property types -------------------------------------------------------

#: property type -> (LadybugDB column type, human description)
PROP_TYPES = {
    "string": ("STRING", "short text"),
    "text": ("STRING", "free text"),
    "int": ("INT64", "integer"),
    "float": ("DOUBLE", "number"),
    "bool": ("BOOLEAN", "true or false"),
    "date": ("STRING", "date: YYYY, YYYY-MM or YYYY-MM-DD"),
    "enum": ("STRING", "one of a fixed set of values"),
    "enum[]": ("STRING[]", "list of values from a fixed set"),
    "string[]": ("STRING[]", "list of short texts"),
    "ref": ("STRING", "id of another node"),
}


@dataclass(frozen=True)
class Prop:
    name: str
    type: str
    doc: str
    required: bool = False
    enum: tuple[str, ...] = ()
    ref: tuple[str, ...] = ()  # allowed node types for a "ref" property

    def __post_init__(self) -> None:
        assert self.type in PROP_TYPES, self.type
        assert bool(self.enum) == self.type.startswith("enum"), self.name
        assert bool(self.ref) == (self.type == "ref"), self.name


@dataclass(frozen=True)
class NodeType:
    name: str
    group: str
    doc: str
    props: tuple[Prop, ...] = ()
    color: str = "#9e9e9e"
    shape: str = "dot"
    size: int = 18


@dataclass(frozen=True)
class EdgeType:
    name: str
    doc: str
    sentence: str  # how "(a)-[:T]->(b)" reads: "a <sentence> b"
    endpoints: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]
    props: tuple[Prop, ...] = ()
    color: str = "#8d8d8d"
    dashes: bool = False
    width: int = 1
    style: str = "structure"  # structure | immunity | allegation | claim | dispute | referral | source

    def pairs(self) -> list[tuple[str, str]]:
        out: list[tuple[str, str]] = []
        for sources, targets in self.endpoints:
            for s in sources:
                for t in targets:
                    if (s, t) not in out:
                        out.append((s, t))
        return out

    def allows(self, src: str, dst: str) -> bool:
        return (src, dst) in self.pairs()


# --- shared vocabularies --------------------------------------------------

ALLEGATION_STATUS = ("alleged", "substantiated", "denied", "unresolved")
OUTCOMES = (
    "repatriated",
    "reprimanded",
    "dismissed",
    "suspended",
    "investigated",
    "charged",
    "waiver_requested",
    "waiver_granted",
    "waiver_refused",
    "convicted",
    "acquitted",
    "no_action_known",
)
VICTIM_GROUPS = ("any", "international", "domestic", "minor")
STANCES = ("asserts", "denies", "qualifies")

ACTORS = ("Organisation", "Unit", "Person", "Post", "PersonnelCategory")

# --- common properties ----------------------------------------------------

#: Properties every node may carry (besides its type-specific ones).
NODE_COMMON = (
    Prop("id", "string", "Stable identifier, lower-case words joined by hyphens.", required=True),
    Prop("name", "string", "Display name.", required=True),
    Prop("aliases", "string[]", "Other names and abbreviations the sources use."),
    Prop("summary", "text", "One or two sentences in the project's own words."),
    Prop("start", "date", "When the fact or entity began, as far as the sources say."),
    Prop("end", "date", "When it ended, as far as the sources say."),
    Prop("hedged", "bool", "True when the sources hedge it ('reportedly', 'alleged')."),
    Prop("note", "text", "Editorial note: how the record was read from the sources."),
    Prop("editorial", "text", "Set when the record, or its name, is the project's identification and not the "
         "documents' words: the reason. Shown wherever the record is shown."),
    Prop("sensitivity", "enum", "public or restricted (names and quotes replaced by --redact).",
         enum=("public", "restricted")),
    Prop("accept", "string[]", "Validator warnings accepted for this record, each 'check: reason'."),
)

#: Properties every edge may carry.
EDGE_COMMON = (
    Prop("start", "date", "When the relationship began."),
    Prop("end", "date", "When it ended."),
    Prop("hedged", "bool", "True when the sources hedge it."),
    Prop("note", "text", "Editorial note."),
    Prop("editorial", "text", "Set when the relation is the project's identification and not the documents' "
         "words: the reason."),
    Prop("sensitivity", "enum", "public or restricted (quotes replaced by --redact).", enum=("public", "restricted")),
    Prop("accept", "string[]", "Validator warnings accepted for this relation, each 'check: reason'."),
)

#: Keys of a citation (the ``cite`` list on every node and edge).
CITATION_KEYS = (
    Prop("source", "ref", "Id of the Source node cited.", required=True, ref=("Source",)),
    Prop("at", "string", "Locator: section, paragraph, page, footnote or line.", required=True),
    Prop("quote", "text", "Evidence: at most 25 words, verbatim from the cited document."),
    Prop(
        "via",
        "ref",
        "Whom the cited document attributes the fact to, when it reports it second-hand.",
        ref=("Source", "Organisation", "Unit", "Person", "Post"),
    ),
    Prop("sensitivity", "enum", "public or restricted (the quote is replaced by --redact).",
         enum=("public", "restricted")),
)
MAX_QUOTE_WORDS = 25

#: Columns the loader adds to every stored node and edge.
DERIVED = (
    Prop("kind", "string", "The node or edge type (so queries need no label functions)."),
    Prop("citations", "text", "The citations as JSON: source, at, quote, via."),
    Prop("source_ids", "string[]", "Ids of the cited Source nodes."),
    Prop("first_cited", "date", "Date of the earliest cited document."),
    Prop("last_cited", "date", "Date of the latest cited document."),
    Prop("n_sources", "int", "How many distinct documents state it (with the records it is SAME_AS, and for a "
         "claim the claims that corroborate it)."),
    Prop("n_origins", "int", "How many independent origins: citations whose 'via' chain ends at the same origin count once."),
    Prop("weakest_link", "string", "The weakest support it has: 'hedged', 'second-hand' (every citation is via "
         "someone else), both, or empty."),
    Prop("stated_in", "string[]", "Ids of the documents n_sources counts."),
    Prop("origin_ids", "string[]", "Ids of the origins n_origins counts: a document speaking for itself, or where "
         "a citation's 'via' chain ends."),
)

# --- node types -----------------------------------------------------------

NODE_TYPES: tuple[NodeType, ...] = (
    NodeType(
        "Source",
        "provenance",
        "A document: one of the five primary documents, or a report they attribute facts to.",
        (
            Prop(
                "source_kind",
                "enum",
                "What sort of document it is.",
                required=True,
                enum=(
                    "press_release",
                    "country_bulletin",
                    "background_report",
                    "ngo_report",
                    "diplomatic_cable",
                    "official_report",
                    "situation_report",
                    "survey",
                    "media",
                    "statement",
                    "other",
                ),
            ),
            Prop("title", "text", "Full title.", required=True),
            Prop("publisher", "string", "Who published it."),
            Prop("date", "date", "Date of publication."),
            Prop("file", "string", "File name in the sources directory (primary documents only)."),
            Prop("primary", "bool", "True for the documents the dataset is read from."),
        ),
        color="#b0bec5",
        shape="box",
        size=16,
    ),
    NodeType(
        "Organisation",
        "actor",
        "An organisation, mission, government, agency or NGO.",
        (
            Prop(
                "org_kind",
                "enum",
                "What sort of organisation.",
                enum=(
                    "un_body",
                    "mission",
                    "military",
                    "police",
                    "government",
                    "local_institution",
                    "igo",
                    "ngo",
                    "court",
                    "criminal",
                    "other",
                ),
            ),
        ),
        color="#1f77b4",
        shape="dot",
        size=28,
    ),
    NodeType(
        "Unit",
        "actor",
        "A unit, office, pillar, contingent or department inside an organisation.",
        (Prop("place", "string", "Where it sits, if the sources say."),),
        color="#4fa3e0",
        shape="dot",
        size=20,
    ),
    NodeType(
        "Person",
        "actor",
        "A named person, or an unnamed person the sources describe as a distinct actor.",
        (
            Prop("anonymous", "bool", "True for an unnamed person known only by description."),
            Prop("nationality", "string", "Nationality, if the sources give it."),
            Prop("role", "text", "What the person did or was, in a few words."),
        ),
        color="#ff7f0e",
        shape="dot",
        size=16,
    ),
    NodeType(
        "Post",
        "actor",
        "An office that someone holds, such as the SRSG or COMKFOR. Rules attach to posts.",
        (),
        color="#9467bd",
        shape="diamond",
        size=22,
    ),
    NodeType(
        "PersonnelCategory",
        "actor",
        "A class of people that rules attach to, e.g. UNMIK police or KFOR troops.",
        (),
        color="#8c564b",
        shape="triangle",
        size=22,
    ),
    NodeType(
        "Instrument",
        "law",
        "A legal or policy instrument: regulation, resolution, convention, code, directive, list, criminal-code article.",
        (
            Prop(
                "instrument_kind",
                "enum",
                "What sort of instrument.",
                required=True,
                enum=(
                    "regulation",
                    "resolution",
                    "convention",
                    "agreement",
                    "code_of_conduct",
                    "directive",
                    "administrative_direction",
                    "list",
                    "criminal_code_article",
                    "law",
                    "policy",
                    "plan",
                    "other",
                ),
            ),
            Prop("code", "string", "Official number, e.g. UNMIK/REG/2001/4."),
            Prop("date", "date", "Date issued or adopted."),
            Prop("provides", "text", "What it provides, in the project's words."),
        ),
        color="#a1d99b",
        shape="box",
        size=18,
    ),
    NodeType(
        "Facility",
        "support",
        "A shelter, programme, hotline, project or database that serves victims or investigators.",
        (
            Prop(
                "facility_kind",
                "enum",
                "What sort of facility.",
                required=True,
                enum=("shelter", "programme", "hotline", "project", "database", "other"),
            ),
            Prop("place", "string", "Where it is."),
        ),
        color="#17becf",
        shape="square",
        size=18,
    ),
    NodeType(
        "Case",
        "case",
        "A concrete case or incident that the sources describe.",
        (
            Prop("date", "date", "When it happened."),
            Prop("place", "string", "Where it happened."),
        ),
        color="#d62728",
        shape="star",
        size=24,
    ),
    NodeType(
        "Event",
        "case",
        "A dated step in a case: a raid, arrest, repatriation, waiver request, trial.",
        (
            Prop(
                "event_kind",
                "enum",
                "What happened.",
                required=True,
                enum=(
                    "raid",
                    "arrest",
                    "investigation",
                    "repatriation",
                    "waiver_request",
                    "waiver_decision",
                    "trial",
                    "verdict",
                    "disciplinary",
                    "report",
                    "other",
                ),
            ),
            Prop("date", "date", "When it happened."),
            Prop("place", "string", "Where it happened."),
        ),
        color="#ff9896",
        shape="dot",
        size=12,
    ),
    NodeType(
        "Allegation",
        "case",
        "An allegation against an actor, unit or category, with its status and outcome.",
        (
            Prop("date", "date", "When the alleged conduct took place."),
            Prop("place", "string", "Where."),
            Prop("status", "enum", "Where the allegation stands.", required=True, enum=ALLEGATION_STATUS),
            Prop("outcome", "enum[]", "What followed, as far as the sources say.", enum=OUTCOMES),
            Prop("allegation_kind", "enum", "individual_conduct (the default) or institutional_policy: a failure "
                 "of a unit's or mission's policy, to which no waiver of immunity applies.",
                 enum=("individual_conduct", "institutional_policy")),
        ),
        color="#e41a1c",
        shape="triangleDown",
        size=20,
    ),
    NodeType(
        "Topic",
        "dispute",
        "A question on which sources make comparable claims.",
        (Prop("question", "text", "The question, phrased neutrally.", required=True),),
        color="#bcbd22",
        shape="hexagon",
        size=22,
    ),
    NodeType(
        "Claim",
        "dispute",
        "One side's statement on a topic, with its figure if it gives one.",
        (
            Prop("text", "text", "The claim in the project's words.", required=True),
            Prop("figure", "string", "The figure as the source gives it, e.g. '2 to 12 years'."),
            Prop("value", "float", "The figure as a number, when it is one number."),
            Prop("unit", "string", "Unit of the value."),
            Prop("as_of", "date", "Date or period the claim speaks of."),
        ),
        color="#dbdb8d",
        shape="ellipse",
        size=14,
    ),
    NodeType(
        "Recommendation",
        "dispute",
        "Something a source recommends to a recipient, including proposals to change the rules.",
        (Prop("text", "text", "What is recommended, in the project's words.", required=True),),
        color="#d9d9d9",
        shape="box",
        size=14,
    ),
)

# --- edge types -----------------------------------------------------------

_SOURCE_OR_ACTOR = ("Source",) + ACTORS


def _e(*pairs: tuple[Iterable[str], Iterable[str]]) -> tuple:
    return tuple((tuple(a), tuple(b)) for a, b in pairs)


EDGE_TYPES: tuple[EdgeType, ...] = (
    EdgeType(
        "PART_OF",
        "Structural membership: a unit inside an organisation, a sub-category inside a category, a post inside an organisation.",
        "is part of",
        _e(
            (("Unit",), ("Unit", "Organisation")),
            (("Organisation",), ("Organisation",)),
            (("Post",), ("Unit", "Organisation")),
            (("PersonnelCategory",), ("PersonnelCategory", "Organisation", "Unit")),
            (("Facility",), ("Facility", "Organisation", "Unit")),
        ),
        color="#6baed6",
    ),
    EdgeType(
        "REPORTS_TO",
        "A reporting line, from subordinate to superior.",
        "reports to",
        _e((("Unit", "Post", "Person", "Organisation"), ("Unit", "Post", "Person", "Organisation"))),
        color="#3182bd",
        width=2,
    ),
    EdgeType(
        "COMMANDED_BY",
        "A command line, from the commanded force or unit to the commanding post, person or body.",
        "is commanded by",
        _e((("Unit", "Organisation", "PersonnelCategory", "Post"), ("Post", "Person", "Organisation", "Unit"))),
        color="#08519c",
        width=3,
    ),
    EdgeType(
        "HOLDS_POST",
        "A person holds a post.",
        "holds the post of",
        _e((("Person",), ("Post",))),
        color="#9467bd",
    ),
    EdgeType(
        "MEMBER_OF",
        "A person belongs to a unit or organisation.",
        "is a member of",
        _e((("Person",), ("Unit", "Organisation"))),
        color="#9ecae1",
    ),
    EdgeType(
        "PARTICIPATES_IN",
        "An actor takes part in a working group, task force or coordination body (not a line of authority).",
        "takes part in",
        _e((("Person", "Unit", "Organisation", "Post"), ("Unit", "Organisation"))),
        color="#c6dbef",
        dashes=True,
    ),
    EdgeType(
        "IN_CATEGORY",
        "Personnel of a person, unit or organisation fall in a personnel category that rules attach to.",
        "falls in the category",
        _e((("Person", "Unit", "Organisation", "Post"), ("PersonnelCategory",))),
        props=(Prop("partial", "bool", "True when only some of its personnel fall in the category (a unit of "
                    "mixed status): a rule attached to the category may or may not cover a given member."),),
        color="#8c564b",
    ),
    EdgeType(
        "ISSUED",
        "Who issued, adopted or promulgated an instrument.",
        "issued",
        _e((("Organisation", "Unit", "Post", "Person"), ("Instrument",))),
        props=(Prop("date", "date", "Date issued."),),
        color="#2ca02c",
    ),
    EdgeType(
        "SUPERSEDES",
        "An instrument replaces or amends an earlier one.",
        "supersedes",
        _e((("Instrument",), ("Instrument",))),
        color="#98df8a",
    ),
    EdgeType(
        "APPLIES_TO",
        "An instrument binds or governs an actor or category.",
        "applies to",
        _e((("Instrument",), ACTORS + ("Facility",))),
        props=(Prop("provision", "string", "Article or section."),),
        color="#98df8a",
    ),
    EdgeType(
        "GRANTS_IMMUNITY",
        "An instrument grants immunity to a category, organisation or post.",
        "grants immunity to",
        _e((("Instrument",), ("PersonnelCategory", "Organisation", "Post", "Unit"))),
        props=(
            Prop("provision", "string", "Article or section that grants it.", required=True),
            Prop(
                "immunity_kind",
                "enum",
                "What kind of immunity.",
                required=True,
                enum=(
                    "legal_process",
                    "functional",
                    "diplomatic",
                    "sending_state_jurisdiction",
                    "inviolability",
                    "partial",
                    "other",
                ),
            ),
            Prop("scope", "text", "What the immunity covers, in the project's words."),
        ),
        color="#f0a30a",
        width=3,
        style="immunity",
    ),
    EdgeType(
        "MAY_WAIVE",
        "An authority may waive the immunity of a category, organisation or post, under a named instrument and provision.",
        "may waive the immunity of",
        _e((("Post", "Organisation", "Person", "Unit"), ("PersonnelCategory", "Organisation", "Post", "Unit"))),
        props=(
            Prop("instrument", "ref", "The instrument that sets the rule.", required=True, ref=("Instrument",)),
            Prop("provision", "string", "Article or section.", required=True),
            Prop("condition", "text", "When or how the waiver may be given."),
        ),
        color="#d35400",
        width=3,
        dashes=False,
        style="immunity",
    ),
    EdgeType(
        "REFERS_VICTIMS_TO",
        "A step of a referral pathway: who passes victims on to whom.",
        "refers victims to",
        _e((("Organisation", "Unit", "Facility", "Post"), ("Organisation", "Unit", "Facility"))),
        props=(
            Prop("victim", "enum", "Which victims this step applies to.", required=True, enum=VICTIM_GROUPS),
            Prop("pathway", "string", "Id of the pathway the step belongs to."),
            Prop("step", "int", "Order of the step within the pathway."),
            Prop("purpose", "text", "What the referral is for."),
        ),
        color="#2ca02c",
        width=2,
        style="referral",
    ),
    EdgeType(
        "RUNS",
        "An organisation or unit runs a facility or programme.",
        "runs",
        _e((("Organisation", "Unit"), ("Facility",))),
        color="#17becf",
    ),
    EdgeType(
        "FUNDS",
        "An organisation funds a facility, programme or organisation.",
        "funds",
        _e((("Organisation", "Unit"), ("Facility", "Organisation", "Unit"))),
        color="#17becf",
        dashes=True,
    ),
    EdgeType(
        "ALLEGES",
        "Who makes an allegation.",
        "alleges",
        _e(((("Source",) + ACTORS), ("Allegation",))),
        color="#fb6a4a",
        style="allegation",
    ),
    EdgeType(
        "AGAINST",
        "Whom an allegation accuses.",
        "is made against",
        _e((("Allegation",), ACTORS)),
        color="#e41a1c",
        width=3,
        style="allegation",
    ),
    EdgeType(
        "IN_CASE",
        "An allegation or event belongs to a case.",
        "belongs to the case",
        _e((("Allegation", "Event"), ("Case",))),
        color="#ff9896",
    ),
    EdgeType(
        "INVOLVES",
        "A case or event involves an actor, in a role.",
        "involves",
        _e((("Case", "Event"), ACTORS + ("Facility",))),
        props=(
            Prop(
                "role",
                "enum",
                "The actor's role.",
                required=True,
                enum=("victim", "accused", "investigator", "prosecutor", "judge", "authority", "witness", "employer", "other"),
            ),
        ),
        color="#ff9896",
    ),
    EdgeType(
        "STATES",
        "A source or actor asserts, denies or qualifies a claim.",
        "states",
        _e((_SOURCE_OR_ACTOR, ("Claim",))),
        props=(Prop("stance", "enum", "Asserts, denies or qualifies.", required=True, enum=STANCES),),
        color="#bcbd22",
        style="claim",
    ),
    EdgeType(
        "ABOUT",
        "A claim speaks to a topic.",
        "is about",
        _e((("Claim",), ("Topic",))),
        color="#dbdb8d",
        style="claim",
    ),
    EdgeType(
        "CONTRADICTS",
        "A claim contradicts another claim.",
        "contradicts",
        _e((("Claim",), ("Claim",))),
        color="#e377c2",
        width=2,
        dashes=True,
        style="dispute",
    ),
    EdgeType(
        "CORROBORATES",
        "A claim corroborates another claim.",
        "corroborates",
        _e((("Claim",), ("Claim",))),
        color="#31a354",
        width=2,
        style="claim",
    ),
    EdgeType(
        "RESPONDS_TO",
        "One document answers another.",
        "responds to",
        _e((("Source",), ("Source",))),
        color="#607d8b",
        dashes=True,
        style="source",
    ),
    EdgeType(
        "DRAWS_ON",
        "One document relies on or quotes another.",
        "draws on",
        _e((("Source",), ("Source",))),
        color="#90a4ae",
        style="source",
    ),
    EdgeType(
        "PUBLISHED",
        "Who published a document.",
        "published",
        _e((("Organisation", "Unit", "Person", "Post"), ("Source",))),
        color="#90a4ae",
        style="source",
    ),
    EdgeType(
        "RECOMMENDS",
        "A source or actor makes a recommendation.",
        "recommends",
        _e((_SOURCE_OR_ACTOR, ("Recommendation",))),
        color="#7f7f7f",
    ),
    EdgeType(
        "ADDRESSED_TO",
        "Whom a recommendation is addressed to.",
        "is addressed to",
        _e((("Recommendation",), ACTORS)),
        color="#7f7f7f",
        dashes=True,
    ),
    EdgeType(
        "CONCERNS",
        "What a recommendation, claim or topic is about: an instrument, actor, facility or case.",
        "concerns",
        _e((("Recommendation", "Claim", "Topic"), ACTORS + ("Instrument", "Facility", "Case", "Allegation"))),
        color="#c7c7c7",
        dashes=True,
    ),
)

EDGE_TYPES += (
    EdgeType(
        "SAME_AS",
        "Two records, usually from different documents, describe the same thing; queries count them once "
        "(the target is the record that stands for both).",
        "is the same as",
        tuple(((n.name,), (n.name,)) for n in NODE_TYPES if n.name != "Source"),
        color="#7f7f7f",
        dashes=True,
        style="source",
    ),
)

NODES: dict[str, NodeType] = {n.name: n for n in NODE_TYPES}
EDGES: dict[str, EdgeType] = {e.name: e for e in EDGE_TYPES}

#: Columns that identify a stored edge and its endpoints (by node id), so that
#: rows read back from either backend carry them without path bookkeeping.
EDGE_KEYS = (
    Prop("id", "string", "Stable edge id: 'type:from:to' unless the YAML gives one."),
    Prop("src", "string", "Id of the source node."),
    Prop("dst", "string", "Id of the target node."),
)

#: Label of the bookkeeping node that marks a database written by accgraph.
META_LABEL = "AccgraphMeta"

#: Name lookup, derived at load time: one ``Lookup`` node per folded key
#: (``accgraph.textkey.fold`` of an id, name or alias), linked by ``LOOKUP_OF``
#: (property ``field``: id, name or alias) to every record that carries it, so
#: names resolve through the primary-key index on both backends.  Facet keys
#: (``accgraph.lookup.FACETS``, field ``facet``) list the records a question
#: without parameters starts from.
LOOKUP_LABEL = "Lookup"
LOOKUP_REL = "LOOKUP_OF"
LOOKUP_COLUMNS = (Prop("id", "string", "The folded key."),)
LOOKUP_REL_COLUMNS = (
    Prop("field", "enum", "Where the key comes from: the record's id, name or an alias; or a facet.",
         enum=("id", "name", "alias", "facet")),
)

#: Search words, derived at load time on the embedded backend (Neo4j has its full-text index):
#: one ``SearchTerm`` node per folded word of a record's searched text (accgraph.search.terms),
#: linked by ``TERM_OF`` to every record that holds it.
TERM_LABEL = "SearchTerm"
TERM_REL = "TERM_OF"
TERM_COLUMNS = (Prop("id", "string", "The folded word."),)
TERM_REL_COLUMNS = (Prop("field", "string", "The highest-ranked searched property that holds the word."),)


def node_props(node_type: str) -> tuple[Prop, ...]:
    """Properties a node of this type may carry in YAML (common ones first)."""
    return NODE_COMMON + NODES[node_type].props


def edge_props(edge_type: str) -> tuple[Prop, ...]:
    return EDGE_COMMON + EDGES[edge_type].props


def stored_node_columns(node_type: str) -> list[Prop]:
    """Columns of a node as stored in a database (YAML properties + derived)."""
    if node_type == LOOKUP_LABEL:
        return list(LOOKUP_COLUMNS)
    if node_type == TERM_LABEL:
        return list(TERM_COLUMNS)
    return list(node_props(node_type)) + list(DERIVED)


def stored_edge_columns(edge_type: str) -> list[Prop]:
    if edge_type == LOOKUP_REL:
        return list(LOOKUP_REL_COLUMNS)
    if edge_type == TERM_REL:
        return list(TERM_REL_COLUMNS)
    return list(EDGE_KEYS) + list(edge_props(edge_type)) + list(DERIVED)
