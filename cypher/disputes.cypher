// name: disputes
// title: Where the sources disagree
// category: disputes
// description: >
//   Every topic on which more than one source makes a claim, with each claim,
//   its figure, the date it speaks of, who states it (asserts, denies or
//   qualifies) and the claims it contradicts, side by side. Give a topic to see
//   all its claims even when only one source speaks to it. n_sources and
//   n_origins count the documents that state a claim (with the claims that
//   corroborate it) and the independent origins they go back to;
//   weakest_link and editorial mark hedged, second-hand and editorial claims.
// parameters:
//   - name: topic
//     description: A topic id, name or alias.
//     required: false
//     example: topic-penalty-trafficking
//     resolve: Topic
MATCH (:Lookup {id: ' stated'})-[:LOOKUP_OF {field: 'facet'}]->(c1:Claim)-[a1:ABOUT]->(t:Topic)
WHERE $topic = ''
// (the " stated" facet lists every claim a source or actor states)
MATCH (c1)<-[s1:STATES]-(voice)
// hint: (c1 JOIN s1) JOIN voice
WITH t, count(DISTINCT voice.id) AS voices
WHERE voices > 1
MATCH (t)<-[ab:ABOUT]-(c:Claim)<-[s:STATES]-(source)
// hint: (((t JOIN ab) JOIN c) JOIN s) JOIN source
OPTIONAL MATCH (c)-[:CONTRADICTS]-(other)  // only claims contradict claims; a label would make LadybugDB scan them all
RETURN t.name AS topic, source.name AS stated_by, s.stance AS stance, c.figure AS figure,
       c.as_of AS as_of, c.text AS claim, collect(DISTINCT other.id) AS contradicts,
       c.id AS claim_id, c.n_sources AS n_sources, c.n_origins AS n_origins, c.weakest_link AS weakest_link,
       c.editorial AS editorial, c.citations AS citations, c.hedged AS hedged,
       (CASE WHEN coalesce(c.editorial, '') = '' THEN ['-'][0..0] ELSE ['editorial: ' + c.editorial] END)
       + (CASE WHEN coalesce(c.weakest_link, '') CONTAINS 'hedged' THEN ['hedged'] ELSE ['-'][0..0] END)
       + (CASE WHEN coalesce(c.weakest_link, '') CONTAINS 'second-hand' THEN ['second-hand'] ELSE ['-'][0..0] END) AS caveats
ORDER BY topic, as_of, stated_by, claim_id
UNION ALL
MATCH (t:Topic {id: $topic})
MATCH (t)<-[ab:ABOUT]-(c:Claim)<-[s:STATES]-(source)
// hint: (((t JOIN ab) JOIN c) JOIN s) JOIN source
OPTIONAL MATCH (c)-[:CONTRADICTS]-(other)  // only claims contradict claims; a label would make LadybugDB scan them all
RETURN t.name AS topic, source.name AS stated_by, s.stance AS stance, c.figure AS figure,
       c.as_of AS as_of, c.text AS claim, collect(DISTINCT other.id) AS contradicts,
       c.id AS claim_id, c.n_sources AS n_sources, c.n_origins AS n_origins, c.weakest_link AS weakest_link,
       c.editorial AS editorial, c.citations AS citations, c.hedged AS hedged,
       (CASE WHEN coalesce(c.editorial, '') = '' THEN ['-'][0..0] ELSE ['editorial: ' + c.editorial] END)
       + (CASE WHEN coalesce(c.weakest_link, '') CONTAINS 'hedged' THEN ['hedged'] ELSE ['-'][0..0] END)
       + (CASE WHEN coalesce(c.weakest_link, '') CONTAINS 'second-hand' THEN ['second-hand'] ELSE ['-'][0..0] END) AS caveats
ORDER BY topic, as_of, stated_by, claim_id
