-- Correcting the observatory's records without rewriting its history.
--
-- Why this shape:
--  * revision on recommendations, sessions and commitments: an edit form carries the revision it
--    was opened at, and saving it only succeeds while the row still has it, so a form left open
--    while somebody else saved a change is refused instead of silently undoing that change.
--  * A commitment the Mesa dropped is withdrawn (when and why), not deleted: the public keeps
--    seeing that it was agreed and then withdrawn, and a withdrawn commitment is never overdue.
--  * A published progress update is never changed: a correction is a new update that supersedes
--    it (corrects = the update it replaces), with who corrected it and why. The original stays in
--    the table; timelines show the newest version of each chain and say it was corrected. One
--    correction per update (a unique index), so two people correcting the same version at once
--    cannot fork the chain: the second is refused and corrects the newest version instead.

alter table observatory_recommendation add column revision int not null default 1;
alter table observatory_session add column revision int not null default 1;

alter table observatory_commitment
    add column revision int not null default 1,
    add column withdrawn_on date,
    add column withdrawn_reason text check (length(withdrawn_reason) between 1 and 2000),
    add check ((withdrawn_on is null) = (withdrawn_reason is null)),
    add check (withdrawn_on is null or fulfilled_on is null);

alter table observatory_update
    add unique (site_id, id),
    add column corrects uuid,
    add column corrected_by uuid references app_user (id) on delete set null,
    add column correction_reason text check (length(correction_reason) between 1 and 2000),
    add column corrected_on date,
    add check ((corrects is null) = (correction_reason is null)),
    add check ((corrects is null) = (corrected_on is null)),
    add foreign key (site_id, corrects) references observatory_update (site_id, id)
        on delete cascade;
create unique index observatory_update_corrects on observatory_update (corrects)
    where corrects is not null;
