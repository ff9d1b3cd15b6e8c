// name: actor
// title: Actor profile
// category: structure
// description: >
//   A profile of one actor: the record itself (with aliases and summary), then
//   every relation out of it (memberships, posts, reporting and command lines,
//   categories) and into it (members, subordinates, allegations against it,
//   rules that cover it), each with its citations.
// parameters:
//   - name: name
//     description: The actor (id, name or alias).
//     required: true
//     example: TPIU
//     resolve: actor
MATCH (n:Organisation|Unit|Person|Post|PersonnelCategory {id: $name})
RETURN 'profile' AS part, n.kind AS relation, n.name AS other, n.summary AS detail, n.aliases AS aliases, n.citations AS citations
ORDER BY relation, other, citations
UNION ALL
MATCH (n:Organisation|Unit|Person|Post|PersonnelCategory {id: $name})-[r]->(m)
RETURN 'outgoing' AS part, r.kind AS relation, m.name AS other, m.kind AS detail, m.aliases AS aliases, r.citations AS citations
ORDER BY relation, other, citations
UNION ALL
MATCH (n:Organisation|Unit|Person|Post|PersonnelCategory {id: $name})<-[r]-(m:Source|Organisation|Unit|Person|Post|PersonnelCategory|Instrument|Facility|`Case`|Event|Allegation|Topic|Claim|Recommendation)
RETURN 'incoming' AS part, r.kind AS relation, m.name AS other, m.kind AS detail, m.aliases AS aliases, r.citations AS citations
ORDER BY relation, other, citations
