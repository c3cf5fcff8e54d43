-- The observatory's staff side: the directory of institutions and actors, recommendations tracked
-- from published proposals, Mesa de Seguridad sessions with their commitments, progress updates
-- from official reports and from the community, and the overdue-commitment digest.
--
-- Why this shape:
--  * Every table carries site_id, and every link between two of them is a foreign key on
--    (site_id, id): the database itself refuses to tie a recommendation of one site to an
--    institution, session or commitment of another, whatever a form sends.
--  * Institutions' contacts are for staff only; they live in one column that no public read
--    selects (ObservatoryTracker never reads it).
--  * Proposals are referenced by id together with the published version they come from; published
--    versions never change (V4), so the link stays true when later versions are published.
--  * "stalled" and "rejected" need a reason, and due dates come after start dates, in the schema as
--    well as in the forms.
--  * observatory_digest_sent makes the daily digest durable: one row per member, site and day is
--    written before the mail goes, so a restart or a second node never sends a second digest the
--    same day. observatory_scheduled_tasks is db-scheduler's table for this module alone, so the
--    safety scheduler never sees (nor deletes as unknown) the observatory's recurring task.

create table observatory_institution (
    id          uuid primary key,
    site_id     uuid not null references site (id) on delete cascade,
    name        text not null check (length(name) between 1 and 200),
    level       text not null check (level in ('municipal', 'state', 'federal', 'none')),
    type        text not null
                check (type in ('government', 'civil_society', 'business', 'church',
                                'community_group', 'other')),
    contacts    text not null default '' check (length(contacts) <= 2000),
    created_at  timestamptz not null default now(),
    unique (site_id, id)
);
create unique index observatory_institution_name on observatory_institution (site_id, lower(name));

create table observatory_recommendation (
    id           uuid primary key,
    site_id      uuid not null references site (id) on delete cascade,
    number       int not null check (number > 0),
    text_es      text not null check (length(text_es) between 1 and 4000),
    text_en      text check (length(text_en) <= 4000),
    addressee    text not null references addressee (key),
    domains      text[] not null check (cardinality(domains) > 0),
    targets      text[] not null default '{}',
    specificity  smallint not null check (specificity between 1 and 5),
    starts_on    date not null,
    due_on       date not null,
    created_at   timestamptz not null default now(),
    check (due_on >= starts_on),
    unique (site_id, id),
    unique (site_id, number)
);

create table observatory_recommendation_proposal (
    site_id            uuid not null,
    recommendation_id  uuid not null,
    proposal_id        uuid not null references agenda_proposal (id),
    agenda_version     int not null check (agenda_version > 0),
    primary key (recommendation_id, proposal_id),
    foreign key (site_id, recommendation_id)
        references observatory_recommendation (site_id, id) on delete cascade
);

create table observatory_recommendation_institution (
    site_id            uuid not null,
    recommendation_id  uuid not null,
    institution_id     uuid not null,
    primary key (recommendation_id, institution_id),
    foreign key (site_id, recommendation_id)
        references observatory_recommendation (site_id, id) on delete cascade,
    foreign key (site_id, institution_id) references observatory_institution (site_id, id)
);

create table observatory_session (
    id          uuid primary key,
    site_id     uuid not null references site (id) on delete cascade,
    held_on     date not null,
    minutes     text not null check (length(minutes) between 1 and 20000),
    created_at  timestamptz not null default now(),
    unique (site_id, id)
);

create table observatory_session_attendee (
    site_id         uuid not null,
    session_id      uuid not null,
    institution_id  uuid not null,
    primary key (session_id, institution_id),
    foreign key (site_id, session_id)
        references observatory_session (site_id, id) on delete cascade,
    foreign key (site_id, institution_id) references observatory_institution (site_id, id)
);

create table observatory_commitment (
    id              uuid primary key,
    site_id         uuid not null,
    session_id      uuid not null,
    institution_id  uuid not null,
    what            text not null check (length(what) between 1 and 2000),
    due_on          date not null,
    fulfilled_on    date,
    created_at      timestamptz not null default now(),
    unique (site_id, id),
    foreign key (site_id, session_id)
        references observatory_session (site_id, id) on delete cascade,
    foreign key (site_id, institution_id) references observatory_institution (site_id, id)
);
create index observatory_commitment_due on observatory_commitment (site_id, due_on)
    where fulfilled_on is null;

create table observatory_commitment_recommendation (
    site_id            uuid not null,
    commitment_id      uuid not null,
    recommendation_id  uuid not null,
    primary key (commitment_id, recommendation_id),
    foreign key (site_id, commitment_id)
        references observatory_commitment (site_id, id) on delete cascade,
    foreign key (site_id, recommendation_id)
        references observatory_recommendation (site_id, id) on delete cascade
);

create table observatory_update (
    id                 uuid primary key,
    site_id            uuid not null,
    recommendation_id  uuid not null,
    source             text not null check (source in ('official', 'community')),
    status             text not null
                       check (status in ('not_started', 'in_progress', 'partly_implemented',
                                         'implemented', 'stalled', 'rejected')),
    reason             text not null default '' check (length(reason) <= 2000),
    progress           smallint not null check (progress between 0 and 100),
    evidence           text not null default '' check (length(evidence) <= 4000),
    link               text check (link ~ '^https?://' and length(link) <= 2000),
    file_name          text check (length(file_name) <= 200),
    file_type          text,
    file               bytea check (length(file) <= 2097152),
    reported_on        date not null,
    created_at         timestamptz not null default now(),
    check (status not in ('stalled', 'rejected') or length(reason) > 0),
    check ((file is null) = (file_name is null) and (file is null) = (file_type is null)),
    foreign key (site_id, recommendation_id)
        references observatory_recommendation (site_id, id) on delete cascade
);
create index observatory_update_recommendation
    on observatory_update (recommendation_id, source, reported_on, created_at);

-- Where and in which language each member wants the overdue digest.
create table observatory_subscriber (
    site_id   uuid not null references site (id) on delete cascade,
    user_id   uuid not null references app_user (id) on delete cascade,
    email     text not null check (email ~ '^[^@\s]{1,64}@[^@\s]{1,190}$'),
    language  text not null check (language in ('es', 'en')),
    primary key (site_id, user_id)
);

create table observatory_digest_sent (
    site_id  uuid not null references site (id) on delete cascade,
    user_id  uuid not null references app_user (id) on delete cascade,
    day      date not null,
    sent_at  timestamptz not null default now(),
    primary key (site_id, user_id, day)
);

-- db-scheduler's table, as its PostgreSQL schema defines it (see V22), for this module's tasks.
create table observatory_scheduled_tasks (
    task_name             text not null,
    task_instance         text not null,
    task_data             bytea,
    execution_time        timestamptz not null,
    picked                boolean not null,
    picked_by             text,
    last_success          timestamptz,
    last_failure          timestamptz,
    consecutive_failures  int,
    last_heartbeat        timestamptz,
    version               bigint not null,
    priority              smallint,
    primary key (task_name, task_instance)
);
create index observatory_scheduled_tasks_time on observatory_scheduled_tasks (execution_time);
create index observatory_scheduled_tasks_heartbeat on observatory_scheduled_tasks (last_heartbeat);
create index observatory_scheduled_tasks_priority
    on observatory_scheduled_tasks (priority desc, execution_time asc);
