-- Official crime figures, stored narrow. V17 kept one wide row per line of a SESNSP file: the
-- names of the state, municipality, legal good, crime type, subtype and modality repeated on each
-- of the 2.7 million lines of a municipal history, checked and indexed three times over. An import
-- then cost several times the bare COPY of the file (docs/benchmarks.md). Here a line is split in
-- two:
--  * crime_series: what a line counts (catalogue, measure, level, place, crime, modality, sex, age
--    range), once per distinct combination in an import (~243,000 for a full municipal history);
--  * crime_figure: the line's year and twelve months, pointing at its series by number — a narrow
--    row of integers, the only thing written 2.7 million times.
-- The view crime_count gives back the file's shape (one row per line), so every reading query
-- keeps its meaning.
--
-- Series numbers are given by the import itself, above the highest number in use, inside the
-- import's transaction (imports take a lock and run one at a time). No foreign key joins the two
-- tables: it would cost a probe per figure, and the import is their only writer — it writes a
-- series for every number it uses, and deletes a series when its last figure goes.
create table crime_series (
    id                 integer  primary key,
    catalogue          text     not null check (catalogue in ('idm2015', 'rnid2026')),
    measure            text     not null check (measure in ('crimes', 'victims')),
    level              text     not null check (level in ('state', 'municipal')),
    state              smallint not null check (state between 1 and 32),
    state_name         text     not null,
    municipality       char(5)  check ((level = 'municipal') = (municipality is not null)),
    municipality_name  text,
    legal_good         text     not null,
    crime_type         text     not null,
    subtype            text     not null,
    -- lower case, without accents or repeated spaces: how a person may type the subtype
    subtype_key        text     not null,
    modality           text     not null,
    sex                text,
    age_range          text,
    -- the latest month (year * 100 + month) any of its figures reports, for "figures up to ..."
    latest_month       integer,
    -- how many figures it has: a later import that replaces them all deletes the series too,
    -- without looking for figures left
    figures            integer  not null default 0 check (figures >= 0),
    not_a_municipality boolean generated always as
        (municipality is not null and right(municipality, 3) in ('998', '999')) stored
);

create table crime_figure (
    series integer  not null,
    year   smallint not null check (year between 1990 and 2100),
    -- a month the file leaves blank (after the cut-off) is NULL: missing, never zero
    months integer[] not null check (cardinality(months) = 12)
);

insert into crime_series (id, catalogue, measure, level, state, state_name, municipality,
                          municipality_name, legal_good, crime_type, subtype, subtype_key,
                          modality, sex, age_range)
select row_number() over (order by level, measure, catalogue, state, municipality, subtype_key,
                                   modality, sex, age_range, state_name, municipality_name,
                                   legal_good, crime_type, subtype),
       catalogue, measure, level, state, state_name, municipality, municipality_name, legal_good,
       crime_type, subtype, subtype_key, modality, sex, age_range
  from (select distinct catalogue, measure, level, state, state_name, municipality,
                        municipality_name, legal_good, crime_type, subtype, subtype_key,
                        modality, sex, age_range
          from crime_count) d;

-- The series are few beside the figures: with their statistics known, the join below hashes the
-- series and reads the figures once (without them it hashed the figures, spilling to disk).
analyze crime_series;
set local work_mem = '256MB';

insert into crime_figure (series, year, months)
select s.id, c.year, c.months
  from crime_count c
  join crime_series s
    on s.catalogue = c.catalogue and s.measure = c.measure and s.level = c.level
   and s.state = c.state and s.state_name = c.state_name
   and coalesce(s.municipality, '') = coalesce(c.municipality, '')
   and coalesce(s.municipality_name, '') = coalesce(c.municipality_name, '')
   and s.legal_good = c.legal_good and s.crime_type = c.crime_type and s.subtype = c.subtype
   and s.modality = c.modality and coalesce(s.sex, '') = coalesce(c.sex, '')
   and coalesce(s.age_range, '') = coalesce(c.age_range, '');

update crime_series s
   set latest_month = l.latest
  from (select f.series, max(f.year * 100 + m.i) as latest
          from crime_figure f
         cross join lateral generate_subscripts(f.months, 1) as m(i)
         where f.months[m.i] is not null
         group by f.series) l
 where s.id = l.series;

update crime_series s
   set figures = n.figures
  from (select series, count(*) as figures from crime_figure group by series) n
 where s.id = n.series;

drop table crime_count;

create index crime_figure_series on crime_figure (series, year);
-- a municipality's series; a state's (and, over the states, the nation's); the subtypes on record
create index crime_series_municipal on crime_series (municipality, measure, subtype_key)
    where municipality is not null;
create index crime_series_state on crime_series (level, measure, subtype_key, state);
create index crime_series_subtypes on crime_series (measure, subtype_key, subtype);
create index crime_series_latest on crime_series (latest_month);

create view crime_count as
select s.catalogue, s.measure, s.level, f.year, s.state, s.state_name, s.municipality,
       s.municipality_name, s.legal_good, s.crime_type, s.subtype, s.subtype_key, s.modality,
       s.sex, s.age_range, f.months, s.not_a_municipality
  from crime_figure f
  join crime_series s on s.id = f.series;
