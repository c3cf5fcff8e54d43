-- Official crime figures (SESNSP "incidencia delictiva del fuero común") and population
-- denominators (CONAPO projections, INEGI Census 2020), so that Tejido can set the community's
-- agenda beside the official record.
--
-- crime_count keeps one row per line of the official file, with its twelve months as an array:
-- the file's own shape, so that an import is a straight COPY and "rows read = rows loaded" can be
-- checked. A month the file leaves blank (after the cut-off) is NULL — missing, never zero.
-- Municipal rows whose code ends in 998/999 are SESNSP's "no especificado" buckets: kept, because
-- they belong in state totals, but marked as not a municipality so no ranking or municipal rate
-- ever uses them.
--
-- The catalogue is recorded per row: the 2015+ methodology (idm2015) and the 2026 RNID catalogue
-- name and split crimes differently, so a series that crosses 2026 must say so.
create table crime_count (
    catalogue        text     not null check (catalogue in ('idm2015', 'rnid2026')),
    measure          text     not null check (measure in ('crimes', 'victims')),
    level            text     not null check (level in ('state', 'municipal')),
    year             smallint not null check (year between 1990 and 2100),
    state            smallint not null check (state between 1 and 32),
    state_name       text     not null,
    municipality     char(5)  check ((level = 'municipal') = (municipality is not null)),
    municipality_name text,
    legal_good       text     not null,
    crime_type       text     not null,
    subtype          text     not null,
    -- lower case, without accents or repeated spaces: how a person may type the subtype
    subtype_key      text     not null,
    modality         text     not null,
    sex              text,
    age_range        text,
    months           integer[] not null check (cardinality(months) = 12),
    not_a_municipality boolean generated always as
        (municipality is not null and right(municipality, 3) in ('998', '999')) stored
);

create index crime_count_state_series on crime_count (level, measure, subtype_key, year, state);
create index crime_count_municipal_series on crime_count (municipality, measure, subtype_key, year)
    where municipality is not null;

-- One row per municipality, year, source and sex. State and national populations are the sums of
-- their municipalities. Which source the rates use is a deployment setting
-- (tejido.indicators.population), never mixed within one deployment.
create table population (
    source       text     not null check (source in ('conapo', 'census2020')),
    sex          text     not null check (sex in ('total', 'women')),
    year         smallint not null,
    state        smallint not null check (state between 1 and 32),
    municipality char(5)  not null,
    people       integer  not null check (people >= 0),
    primary key (source, sex, year, municipality)
);
