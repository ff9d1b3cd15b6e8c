// name: who-can-waive
// title: Who can waive immunity, for whom
// category: immunity
// description: >
//   Which authority may waive whose immunity, under which instrument and
//   provision. Without a holder, lists every waiver rule. With a holder (a
//   person, unit, organisation, post or personnel category), follows
//   membership, posts, part-of and category links upward to the categories a
//   waiver rule covers; "covered_as" names the category the rule attaches to.
// parameters:
//   - name: holder
//     description: Whose immunity; an id, name or alias of an actor.
//     required: false
//     example: UNMIK Police
//     resolve: actor
MATCH (authority)-[w:MAY_WAIVE]->(covered)
MATCH (holder)-[:MEMBER_OF|PART_OF|IN_CATEGORY|HOLDS_POST*0..6]->(covered)
WHERE ($holder = '' AND holder.id = covered.id) OR holder.id = $holder
OPTIONAL MATCH (instrument:Instrument)
WHERE instrument.id = w.instrument
RETURN DISTINCT holder.name AS holder, holder.kind AS holder_kind, covered.name AS covered_as,
       authority.name AS authority, authority.kind AS authority_kind, instrument.name AS instrument,
       w.provision AS provision, w.`condition` AS `condition`, w.citations AS citations
ORDER BY holder, authority, covered_as
