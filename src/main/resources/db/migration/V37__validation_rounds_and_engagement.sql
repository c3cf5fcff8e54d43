-- Validation rounds: a draft of the agenda goes back to residents, who say of each issue and each
-- proposal "agree", "change" or "remove", with an optional comment; the coordinator answers each
-- comment. And the engagement log: dialogues with authorities and dissemination events.
-- What is kept about residents is what the coordinator needs to answer them and nothing that could
-- tie a comment to a person:
--  * a response holds its population group and its channel only: no account, no address, no
--    browser, no time (the same reasoning as prioritisation_ballot, V27);
--  * one-time codes are kept as SHA-256 digests of 80 random bits, and a code row does not say
--    which response it gave;
--  * comment texts are resident words: sealed with the site's data key (crypto.SiteEncryption),
--    bound to the comment's id, never published verbatim;
--  * the items are copied from the draft (spoken issues and proposals only, never a silenced issue)
--    so that later edits of the draft do not change what residents commented on.
-- A round records the draft it was made from (agenda_version_id): the draft keeps its id when it
-- is published as version N, so the rounds count toward that version; a discarded draft's number
-- may be reused by the next draft, which is why the number alone is not enough.
create table validation_round (
    id                 uuid primary key,
    site_id            uuid not null references site (id) on delete cascade,
    title              text not null check (length(title) between 1 and 200),
    state              text not null check (state in ('open', 'closed')),
    agenda_version     int  not null check (agenda_version > 0),
    agenda_version_id  uuid references agenda_version (id) on delete set null,
    created_by         uuid references app_user (id) on delete set null,
    created_at         timestamptz not null default now()
);
create index validation_round_site on validation_round (site_id, created_at);
create index validation_round_version on validation_round (agenda_version_id);

create table validation_item (
    round_id  uuid not null references validation_round (id) on delete cascade,
    kind      text not null check (kind in ('issue', 'proposal')),
    ref       text not null,
    position  int  not null,
    text_es   text not null,
    text_en   text not null,
    primary key (round_id, kind, ref)
);

create table validation_code (
    digest    bytea primary key check (length(digest) = 32),
    round_id  uuid not null references validation_round (id) on delete cascade,
    used      boolean not null default false
);
create index validation_code_round on validation_code (round_id);

create table validation_response (
    id                uuid primary key,
    round_id          uuid not null references validation_round (id) on delete cascade,
    population_group  text not null
                      check (population_group in ('women', 'youth', 'elderly', 'adult_men', 'not_stated')),
    channel           text not null check (channel in ('workshop', 'code'))
);
create index validation_response_round on validation_response (round_id);

-- answer: the coordinator's decision on the comment; answer_es / answer_en: her short answer, in
-- the language(s) she writes it (staff words, kept in clear).
create table validation_comment (
    id            uuid primary key,
    response_id   uuid not null references validation_response (id) on delete cascade,
    round_id      uuid not null references validation_round (id) on delete cascade,
    kind          text not null check (kind in ('issue', 'proposal')),
    ref           text not null,
    verdict       text not null check (verdict in ('agree', 'change', 'remove')),
    text_sealed   bytea,
    answer        text check (answer in ('accepted', 'partly', 'not_accepted')),
    answer_es     text check (length(answer_es) <= 1000),
    answer_en     text check (length(answer_en) <= 1000)
);
create index validation_comment_round on validation_comment (round_id, kind, ref);

-- Attendees are institutions and roles ("Secretaría de Seguridad Pública municipal: director"),
-- never residents' names: the form says so, and the log is public.
create table engagement_event (
    id          uuid primary key,
    site_id     uuid not null references site (id) on delete cascade,
    held_on     date not null,
    kind        text not null
                check (kind in ('authorities', 'dissemination', 'workshop', 'media', 'other')),
    attendees   text not null check (length(attendees) between 1 and 1000),
    presented   text not null check (length(presented) between 1 and 2000),
    agreed      text check (length(agreed) <= 2000),
    link        text check (length(link) <= 500),
    created_by  uuid references app_user (id) on delete set null,
    created_at  timestamptz not null default now()
);
create index engagement_event_site on engagement_event (site_id, held_on desc);
