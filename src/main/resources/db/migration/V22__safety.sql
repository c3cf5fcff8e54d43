-- Safe fieldwork: each site's security protocol and escalation chain, trips into the field, the
-- alerts they raise, and the durable timer that escalates them.
--
-- Why this shape:
--  * Trip plans (where, with whom), alert e-mail addresses, safe words and resolution notes are
--    sealed with the site's data key (SiteEncryption, AES-GCM bound to table and row): a dump of
--    the database shows no place and no contact.
--  * Trips and alerts are deleted a configurable number of days after they are resolved
--    (tejido.safety.retention-days): location data is itself dangerous to keep.
--  * scheduled_tasks is db-scheduler's own table (its PostgreSQL schema): one row per pending
--    escalation, picked under a lock by exactly one node, so a restart or a second node neither
--    loses nor repeats an alert.

create table safety_protocol (
    site_id      uuid primary key references site (id) on delete cascade,
    text_es      text not null default '' check (length(text_es) <= 20000),
    text_en      text not null default '' check (length(text_en) <= 20000),
    no_go        text not null default '' check (length(no_go) <= 5000),
    safe_words   bytea,
    updated_at   timestamptz not null default now()
);

-- Levels of the chain, alerted in order; delay_minutes after the previous level.
create table safety_chain_level (
    site_id        uuid not null references site (id) on delete cascade,
    position       int not null check (position between 1 and 20),
    user_id        uuid not null references app_user (id) on delete cascade,
    contact        bytea not null,
    delay_minutes  int not null check (delay_minutes between 0 and 1440),
    primary key (site_id, position)
);

-- The duress PIN, hashed (Argon2id, as passwords); never stored in clear.
create table safety_duress_pin (
    user_id    uuid primary key references app_user (id) on delete cascade,
    pin_hash   text not null
);

create table safety_trip (
    id              uuid primary key,
    site_id         uuid not null references site (id) on delete cascade,
    user_id         uuid not null references app_user (id) on delete cascade,
    plan            bytea not null,
    state           text not null
                    check (state in ('planned', 'in_field', 'overdue', 'escalating',
                                     'acknowledged', 'resolved')),
    starts_at       timestamptz not null,
    returns_at      timestamptz not null,
    grace_minutes   int not null,
    checked_out_at  timestamptz,
    resolved_at     timestamptz,
    created_at      timestamptz not null default now()
);
create index safety_trip_site on safety_trip (site_id, state);
create index safety_trip_user on safety_trip (user_id, state);

create table safety_alert (
    id               uuid primary key,
    site_id          uuid not null references site (id) on delete cascade,
    trip_id          uuid references safety_trip (id) on delete cascade,
    user_id          uuid not null references app_user (id) on delete cascade,
    kind             text not null check (kind in ('missed_check_in', 'panic', 'duress')),
    raised_at        timestamptz not null,
    steps_sent       int not null default 0,
    acknowledged_by  uuid references app_user (id) on delete set null,
    acknowledged_at  timestamptz,
    resolved_by      uuid references app_user (id) on delete set null,
    resolved_at      timestamptz,
    resolution       bytea
);
create index safety_alert_site on safety_alert (site_id, resolved_at);

-- db-scheduler's table, as its PostgreSQL schema defines it.
create table scheduled_tasks (
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
create index execution_time_idx on scheduled_tasks (execution_time);
create index last_heartbeat_idx on scheduled_tasks (last_heartbeat);
create index priority_execution_time_idx on scheduled_tasks (priority desc, execution_time asc);
