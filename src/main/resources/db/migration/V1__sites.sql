-- Sites are the municipalities and neighbourhoods where a team co-constructs an agenda.
-- A site can be suspended for safety (as Acapulco was): it keeps its data and says why publicly.
create table site (
    id                  uuid primary key default gen_random_uuid(),
    key                 text not null unique check (key ~ '^[a-z0-9][a-z0-9-]{1,39}$'),
    municipality_name   text not null,
    state_name          text not null,
    -- INEGI's official 5-digit municipality key: 2-digit state + 3-digit municipality.
    inegi_code          char(5) not null check (inegi_code ~ '^[0-9]{5}$'),
    neighbourhood       text,
    status              text not null default 'active'
                        check (status in ('active', 'suspended_for_safety')),
    status_reason_es    text,
    status_reason_en    text,
    population_notes_es text,
    population_notes_en text,
    position            int  not null,
    created_at          timestamptz not null default now(),
    constraint suspended_site_says_why
        check (status <> 'suspended_for_safety' or status_reason_es is not null)
);
