-- Every indicator request (the API, the command line, the charts) first turns the subtype as typed
-- into the subtype as SESNSP spells it, from the list of subtypes on record. Read from the table,
-- that list costs a pass over every row: 0.57 s measured on a full municipal history (2.7 million
-- rows), against a target of 20 ms for the whole request. With this index the list is read by
-- hopping from one subtype to the next (one probe per subtype, a few dozen in all); B-tree
-- deduplication keeps it small, since a few dozen keys repeat over millions of rows.
create index crime_count_subtypes on crime_count (measure, subtype_key, subtype);
