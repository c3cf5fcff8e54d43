-- What changed in a version of an agenda, and why, in the coordinator's words (Spanish and
-- English), shown above the comparison with the version before. Written on the draft and published
-- with it: the guard of V4 keeps it immutable afterwards like the rest of a published version.
-- Optional (a version may say nothing), and short: it is a note, not a report.
--
-- No new identity column is needed to compare versions: an issue's or a proposal's `ref` (V4) is
-- copied unchanged into every new draft (AgendaEditing.startDraft), survives rewording, new domains,
-- addressees and reordering, and a new row always gets a reference never used before at its site
-- (the highest one of every version, published ones included, plus one). The one time a reference
-- changes is when an issue is silenced or spoken again, on purpose: a public reference must not
-- outlive its silencing, so the comparison shows such an issue as removed (or added), never linked
-- to its silenced text.
alter table agenda_version
    add column note_es text check (char_length(note_es) <= 2000),
    add column note_en text check (char_length(note_en) <= 2000);
