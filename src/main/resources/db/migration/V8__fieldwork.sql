-- Fieldwork evidence: activities, pseudonymous participants, consent, sources and media.
-- What could identify a person or repeat their words is never stored in clear:
--  * each participant has their own key pair (participant_key); every turn they spoke is
--    encrypted to it, and their identity to a data key of its own sealed to the vault, so
--    deleting the participant's rows on withdrawal makes all of it unreadable wherever the
--    database is copied afterwards (a backup taken before still holds them: see docs/security.md);
--  * turns nobody in particular spoke (facilitators, diary text) are encrypted to the site vault;
--  * de-identified text, used for analysis, is encrypted with the site's application data key.
-- Pseudonymous attributes (population group, gender, age band, ethnicity, neighbourhood) carry no
-- text and stay in clear so that analysis can count them in SQL.
create table participant (
    id                uuid primary key,
    site_id           uuid not null references site (id) on delete cascade,
    number            int  not null check (number > 0),
    code              text not null check (code ~ '^[A-Z]{2,5}-[0-9]{3,4}$'),
    population_group  text not null
                      check (population_group in ('women', 'youth', 'adult_men', 'elderly', 'associations')),
    gender            text not null check (gender in ('woman', 'man', 'non_binary', 'not_stated')),
    age_band          text not null
                      check (age_band in ('under_18', '18_29', '30_44', '45_59', '60_plus', 'not_stated')),
    ethnicity         text not null
                      check (ethnicity in ('afro_descendant', 'indigenous', 'mestizo', 'other', 'not_stated')),
    neighbourhood     text check (length(neighbourhood) <= 120),
    fictional         boolean not null default false,
    created_by        uuid references app_user (id) on delete set null,
    created_at        timestamptz not null default now(),
    unique (site_id, number),
    unique (site_id, code)
);

-- Codes are never reused, even after a withdrawal deleted the participant.
create table participant_counter (
    site_id  uuid primary key references site (id) on delete cascade,
    last     int not null
);

create table participant_key (
    participant_id        uuid primary key references participant (id) on delete cascade,
    public_keyset         bytea not null,
    sealed_private_keyset bytea not null
);

-- The identity is encrypted with its own data key, sealed to the site vault: reading it costs
-- one public-key operation, and the key lives only in this row, so deleting the row on
-- withdrawal shreds it.
create table participant_identity (
    participant_id  uuid primary key references participant (id) on delete cascade,
    sealed_key      bytea not null,
    sealed          bytea not null
);

create table consent (
    id                    uuid primary key,
    participant_id        uuid not null references participant (id) on delete cascade,
    given_on              date not null,
    -- A signed form can itself endanger people: verbal and recorded consent are first-class.
    method                text not null check (method in ('written', 'verbal', 'recorded')),
    take_part             boolean not null,
    be_quoted             boolean not null,
    quoted_in_published   boolean not null,
    form_version          text not null check (length(form_version) between 1 and 40),
    recorded_by           uuid references app_user (id) on delete set null,
    recorded_at           timestamptz not null default now(),
    check (not quoted_in_published or be_quoted),
    check (not be_quoted or take_part)
);
create index consent_participant on consent (participant_id, given_on desc);

create table activity (
    id          uuid primary key,
    site_id     uuid not null references site (id) on delete cascade,
    kind        text not null
                check (kind in ('workshop', 'focus_group', 'interview', 'walk', 'field_diary', 'feedback')),
    held_on     date not null,
    title       text not null check (length(title) between 1 and 200),
    fictional   boolean not null default false,
    created_by  uuid references app_user (id) on delete set null,
    created_at  timestamptz not null default now()
);
create index activity_site on activity (site_id, held_on desc);

create table activity_facilitator (
    activity_id  uuid not null references activity (id) on delete cascade,
    user_id      uuid not null references app_user (id) on delete cascade,
    primary key (activity_id, user_id)
);

create table activity_group (
    activity_id       uuid not null references activity (id) on delete cascade,
    population_group  text not null
                      check (population_group in ('women', 'youth', 'adult_men', 'elderly', 'associations')),
    primary key (activity_id, population_group)
);

create table activity_participant (
    activity_id     uuid not null references activity (id) on delete cascade,
    participant_id  uuid not null references participant (id) on delete cascade,
    primary key (activity_id, participant_id)
);

create table source (
    id               uuid primary key,
    site_id          uuid not null references site (id) on delete cascade,
    activity_id      uuid references activity (id) on delete set null,
    kind             text not null check (kind in ('transcript', 'field_diary', 'workshop_notes')),
    title            text not null check (length(title) between 1 and 200),
    origin           text not null check (origin in ('typed', 'txt', 'docx')),
    state            text not null default 'raw' check (state in ('raw', 'deidentified')),
    fictional        boolean not null default false,
    created_by       uuid references app_user (id) on delete set null,
    created_at       timestamptz not null default now(),
    deidentified_by  uuid references app_user (id) on delete set null,
    deidentified_at  timestamptz
);
create index source_site on source (site_id, created_at desc);

-- One data key per source and speaker, sealed to that participant (or to the site vault when
-- participant_id is null): one public-key operation per speaker, not per turn.
create table source_key (
    id              uuid primary key,
    source_id       uuid not null references source (id) on delete cascade,
    participant_id  uuid references participant (id) on delete cascade,
    sealed_key      bytea not null,
    unique nulls not distinct (source_id, participant_id)
);

create table source_turn (
    id                   uuid primary key,
    source_id            uuid not null references source (id) on delete cascade,
    key_id               uuid not null references source_key (id) on delete cascade,
    position             int  not null,
    participant_id       uuid references participant (id) on delete cascade,
    -- speaker label and words, encrypted with the source key
    raw_sealed           bytea not null,
    -- the de-identified words, encrypted with the site's application data key
    deidentified_sealed  bytea,
    unique (source_id, position)
);

create table source_speaker (
    source_id       uuid not null references source (id) on delete cascade,
    participant_id  uuid not null references participant (id) on delete cascade,
    primary key (source_id, participant_id)
);

create table media (
    id            uuid primary key,
    site_id       uuid not null references site (id) on delete cascade,
    activity_id   uuid not null references activity (id) on delete cascade,
    kind          text not null check (kind in ('audio', 'photo', 'video', 'letter', 'other')),
    content_type  text not null,
    size_bytes    bigint not null check (size_bytes > 0),
    sealed_key    bytea not null,
    sealed_name   bytea not null,
    content       bytea not null,
    created_by    uuid references app_user (id) on delete set null,
    created_at    timestamptz not null default now()
);

-- The per-site gazetteer of names, aliases, places and officials used to propose
-- de-identifications: one encrypted list per site, sealed to the vault.
create table gazetteer (
    site_id         uuid primary key references site (id) on delete cascade,
    sealed_key      bytea not null,
    sealed_entries  bytea not null,
    entries         int not null,
    updated_at      timestamptz not null default now()
);
