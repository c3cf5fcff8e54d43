-- Queries over codings: matrix coding counts codings by an attribute of the participant who spoke
-- the coded words, and co-occurrence joins codings that overlap in the same turn.
--
-- Which participant spoke which turn is known only inside the sealed parts of a source, so the
-- analysis keeps it beside each coding when the coding is made (the coder's page has the turns
-- open then): a coding's participant is the speaker of its turn, null for a whole typed source or a
-- turn nobody registered spoke. It carries no text, and what it says (this pseudonymous participant
-- said something coded this way) is what participant attributes and codings in clear already allow
-- a query to say. A withdrawal deletes the participant: its codings stay, with no participant, and
-- their words are unreadable as the withdrawal requires.
alter table analysis_coding
    add column participant_id uuid references participant (id) on delete set null;

-- Matrix coding reads (code, participant) pairs of a site without touching the table.
create index analysis_coding_matrix
    on analysis_coding (site_id, code_id, participant_id) include (source_id);

-- Co-occurrence joins a site's codings on (source, turn) and compares spans without the table.
create index analysis_coding_spans
    on analysis_coding (site_id, source_id, turn, start_offset)
    include (end_offset, code_id, participant_id);
