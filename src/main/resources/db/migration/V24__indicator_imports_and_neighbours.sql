-- What the public pages need to say where official figures come from and to compare a place with
-- its surroundings.
--
-- indicator_import records every import that committed, in the same transaction as its rows, so
-- that "cifras SESNSP al 31 de octubre de 2026, importadas el …" survives a restart and is known
-- to a running server even when the import ran from the command line in another process.
create table indicator_import (
    id            bigint generated always as identity primary key,
    kind          text        not null check (kind in ('crimes', 'population', 'neighbours')),
    description   text        not null,
    file_name     text,
    rows_loaded   bigint      not null check (rows_loaded >= 0),
    imported_at   timestamptz not null default now()
);

create index indicator_import_latest on indicator_import (kind, imported_at desc);

-- Which municipalities share a border: the research on violence in Mexico reports spillover
-- between neighbouring municipalities, so a site's figures are read beside its neighbours'.
-- Loaded from a plain "municipality,neighbour" CSV; adjacency is symmetric, so both directions
-- are kept whatever the file lists. An import replaces the whole table.
create table municipality_neighbour (
    municipality char(5) not null check (municipality ~ '^[0-9]{5}$'),
    neighbour    char(5) not null check (neighbour ~ '^[0-9]{5}$'),
    primary key (municipality, neighbour),
    check (municipality <> neighbour)
);
