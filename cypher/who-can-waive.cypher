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
MATCH (h:Organisation|Unit|Person|Post|PersonnelCategory {id: $holder})-[:MEMBER_OF|PART_OF|IN_CATEGORY|HOLDS_POST*0..6]->(cov)<-[wr:MAY_WAIVE]-(auth)
OPTIONAL MATCH (inst:Instrument {id: wr.instrument})
RETURN DISTINCT h.name AS holder, h.kind AS holder_kind, cov.name AS covered_as,
       auth.name AS authority, auth.kind AS authority_kind, inst.name AS instrument,
       wr.provision AS provision, wr.`condition` AS `condition`, wr.citations AS citations
ORDER BY holder, authority, covered_as
UNION ALL
MATCH (auth)-[wr:MAY_WAIVE]->(cov)
WHERE $holder = ''
OPTIONAL MATCH (inst:Instrument {id: wr.instrument})
RETURN cov.name AS holder, cov.kind AS holder_kind, cov.name AS covered_as,
       auth.name AS authority, auth.kind AS authority_kind, inst.name AS instrument,
       wr.provision AS provision, wr.`condition` AS `condition`, wr.citations AS citations
ORDER BY holder, authority, covered_as
