-- A source marked ready for analysis is flagged for another review when a term added to the
-- site's gazetteer later appears in its words: the text analysed so far still names what the team
-- has just decided to hide. Saving a new review clears the flag. While it is set, people whose
-- role does not read the vault (community researchers) are not shown the de-identified text.
--
-- review_requested_at: when the flag was raised (null: no review needed). A time rather than a
-- boolean, so the source list can say since when a source waits.
alter table source add column review_requested_at timestamptz;
create index source_needs_review on source (site_id) where review_requested_at is not null;
