-- Evidence for the agenda: coded segments of testimony that support an issue. The agenda owns the
-- link (an issue belongs to one version; starting a draft copies its evidence with its issues), and
-- the link holds no text: the quote is cut from the de-identified source when shown, so a
-- withdrawal or a re-de-identification is reflected at once. "quoted" is the coordinator's choice
-- to show the quote in the published agenda; it is shown only while the speaker's consent allows
-- quotation in published agendas, and never for a silenced issue.
create table agenda_evidence (
    issue_id    uuid not null references agenda_issue (id) on delete cascade,
    coding_id   uuid not null references analysis_coding (id) on delete cascade,
    quoted      boolean not null default false,
    added_by    uuid references app_user (id) on delete set null,
    added_at    timestamptz not null default now(),
    primary key (issue_id, coding_id)
);
create index agenda_evidence_coding on agenda_evidence (coding_id);
