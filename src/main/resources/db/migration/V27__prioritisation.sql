-- Prioritisation sessions: residents rank or dot-vote the diagnosed issues of a site's agenda, in a
-- workshop (printed ballots entered by the team) or alone on a phone with a one-time code.
-- What is kept is what the results need and nothing that could tie a vote to a person:
--  * a ballot holds its population group and its marks only: no account, no address, no browser,
--    no time (a timestamp would let anyone who watched a workshop match votes to people);
--  * one-time codes are kept as SHA-256 digests of 80 random bits, never in clear, and a code row
--    does not say which ballot it cast;
--  * the issues are copied (reference and titles, spoken issues only) so that later edits of the
--    draft do not change what residents voted on.
create table prioritisation_session (
    id              uuid primary key,
    site_id         uuid not null references site (id) on delete cascade,
    title           text not null check (length(title) between 1 and 200),
    method          text not null check (method in ('dots', 'ranking')),
    -- dots per voter (dot voting) or how many issues each voter ranks (ranking, top K)
    allowance       int  not null check (allowance between 1 and 20),
    state           text not null check (state in ('prepared', 'open', 'closed')),
    agenda_version  int  not null check (agenda_version > 0),
    created_by      uuid references app_user (id) on delete set null,
    created_at      timestamptz not null default now()
);
create index prioritisation_session_site on prioritisation_session (site_id, created_at);

create table prioritisation_issue (
    session_id  uuid not null references prioritisation_session (id) on delete cascade,
    ref         text not null,
    position    int  not null,
    title_es    text not null,
    title_en    text not null,
    primary key (session_id, ref)
);

create table prioritisation_code (
    digest      bytea primary key check (length(digest) = 32),
    session_id  uuid not null references prioritisation_session (id) on delete cascade,
    used        boolean not null default false
);
create index prioritisation_code_session on prioritisation_code (session_id);

create table prioritisation_ballot (
    id                uuid primary key,
    session_id        uuid not null references prioritisation_session (id) on delete cascade,
    population_group  text not null
                      check (population_group in ('women', 'youth', 'elderly', 'adult_men', 'not_stated')),
    channel           text not null check (channel in ('workshop', 'code'))
);
create index prioritisation_ballot_session on prioritisation_ballot (session_id);

-- value: the dots given to the issue (dot voting), or its rank, 1 being first (ranking).
create table prioritisation_mark (
    ballot_id  uuid not null references prioritisation_ballot (id) on delete cascade,
    ref        text not null,
    value      int  not null check (value > 0),
    primary key (ballot_id, ref)
);
