-- Maintained counts for matrix coding and co-occurrence (decision 0009).
--
-- Counting a million codings on every page view took 0.4 s (matrix) and 4 s (co-occurrence, a
-- self-join of the codings). The pages need far less: codings per (code, participant), and
-- overlapping pairs per (code, other code, participant of the lower code's coding). These two
-- tables hold exactly that, kept up to date by statement-level triggers on analysis_coding in the
-- transaction that writes the codings, whatever writes them: the coding pages, "code all hits",
-- merging codes, re-anchoring after a new de-identification, a withdrawal (its codings deleted,
-- or their participant set to null when the participant row goes), a source deleted by cascade,
-- a REFI-QDA import (one trigger run per batch statement). Like the codings, they carry no text.
--
-- "No participant" is stored as the nil UUID so that the keys are plain primary keys; the queries
-- map it back to null. A count that drops to zero stays as a row with 0 and is read past.

create table analysis_code_participant_count (
    site_id         uuid not null references site (id) on delete cascade,
    code_id         uuid not null,
    -- The coding's participant; 00000000-0000-0000-0000-000000000000: none.
    participant_id  uuid not null,
    codings         bigint not null check (codings >= 0),
    primary key (site_id, code_id, participant_id)
);

create table analysis_overlap_count (
    site_id         uuid not null references site (id) on delete cascade,
    -- The lower of the two codes' ids, and the other one.
    code_id         uuid not null,
    other_id        uuid not null,
    -- The participant of the coding of code_id; nil UUID: none.
    participant_id  uuid not null,
    pairs           bigint not null check (pairs >= 0),
    primary key (site_id, code_id, other_id, participant_id),
    check (code_id < other_id)
);

-- The same per pair of codes, with how many participants have a positive count above: what the
-- co-occurrence page reads (a few thousand rows, where the table above has hundreds of thousands).
create table analysis_overlap_total (
    site_id         uuid not null references site (id) on delete cascade,
    code_id         uuid not null,
    other_id        uuid not null,
    pairs           bigint not null check (pairs >= 0),
    -- Participants (not the nil UUID) with pairs > 0 in analysis_overlap_count.
    participants    bigint not null check (participants >= 0),
    primary key (site_id, code_id, other_id),
    check (code_id < other_id)
);

-- Codings per (code, participant): +1 for each row a statement wrote, -1 for each it removed.
-- Decrements only update (a count already gone with its site stays gone); increments upsert.
create function analysis_count_codings() returns trigger language plpgsql as $$
declare
    rows constant text := $q$
        select site_id, code_id,
               coalesce(participant_id, '00000000-0000-0000-0000-000000000000') as p, %s as n
        from %s$q$;
    parts text[] := '{}';
begin
    if tg_op in ('INSERT', 'UPDATE') then
        parts := parts || format(rows, '1', 'added');
    end if;
    if tg_op in ('DELETE', 'UPDATE') then
        parts := parts || format(rows, '-1', 'removed');
    end if;
    execute 'with d as materialized (select site_id, code_id, p, sum(n) as n from ('
        || array_to_string(parts, ' union all ')
        || ') u group by 1, 2, 3 having sum(n) <> 0),'
        || ' gone as (update analysis_code_participant_count c set codings = c.codings + d.n'
        || '   from d where d.n < 0 and c.site_id = d.site_id and c.code_id = d.code_id'
        || '   and c.participant_id = d.p)'
        || ' insert into analysis_code_participant_count (site_id, code_id, participant_id, codings)'
        || ' select site_id, code_id, p, n from d where n > 0 order by 1, 2, 3'
        || ' on conflict (site_id, code_id, participant_id)'
        || ' do update set codings = analysis_code_participant_count.codings + excluded.codings';
    return null;
end $$;

-- Overlapping pairs: two codings of different codes on the same source and turn (or both on the
-- whole text of a source) whose spans share a code point, counted once, under the lower code.
-- A statement that wrote rows N into the table T (T holding them already) adds the pairs
-- {a in N, b in T} and {a in T \ N, b in N}; one that removed rows R (T without them) takes away
-- {a in R, b in T}, {a in T, b in R} and {a in R, b in R}; an update is a removal of the old rows
-- and an addition of the new ones, against T without the updated rows.
--
-- Codings of a site are written one transaction at a time from here on (an advisory lock until
-- the transaction ends): two transactions adding overlapping codings at once would otherwise each
-- miss the other's uncommitted row, and the pair would never be counted. The statements run
-- through EXECUTE so that each is planned for the number of rows at hand (one, or a batch of an
-- import).
create function analysis_count_overlaps() returns trigger language plpgsql as $$
declare
    pairs constant text := $q$
        select a.site_id, a.code_id, b.code_id as other_id,
               coalesce(a.participant_id, '00000000-0000-0000-0000-000000000000') as p, %s as n
        from %s a join %s b
          on b.source_id = a.source_id and b.turn is not distinct from a.turn
         and b.start_offset < a.end_offset and a.start_offset < b.end_offset
         and a.code_id < b.code_id
        %s$q$;
    parts text[] := '{}';
    rest text := 'analysis_coding';
begin
    if tg_op = 'INSERT' then
        perform pg_advisory_xact_lock(hashtextextended('analysis_coding:' || site_id, 0))
        from (select distinct site_id from added order by 1) s;
        parts := parts || format(pairs, '1', 'added', 'analysis_coding', '')
                       || format(pairs, '1', 'analysis_coding', 'added',
                                 'where not exists (select 1 from added x where x.id = a.id)');
    elsif tg_op = 'DELETE' then
        perform pg_advisory_xact_lock(hashtextextended('analysis_coding:' || site_id, 0))
        from (select distinct site_id from removed order by 1) s;
        parts := parts || format(pairs, '-1', 'removed', 'analysis_coding', '')
                       || format(pairs, '-1', 'analysis_coding', 'removed', '')
                       || format(pairs, '-1', 'removed', 'removed', '');
    else
        perform pg_advisory_xact_lock(hashtextextended('analysis_coding:' || site_id, 0))
        from (select site_id from removed union select site_id from added order by 1) s;
        rest := '(select * from analysis_coding t'
                || ' where not exists (select 1 from added x where x.id = t.id))';
        parts := parts || format(pairs, '-1', 'removed', rest, '')
                       || format(pairs, '-1', rest, 'removed', '')
                       || format(pairs, '-1', 'removed', 'removed', '')
                       || format(pairs, '1', 'added', rest, '')
                       || format(pairs, '1', rest, 'added', '')
                       || format(pairs, '1', 'added', 'added', '');
    end if;
    -- Each changed count, before and after, then the totals per pair of codes: a participant
    -- counts when their pairs go from 0 to more, and stops counting when they fall back to 0.
    execute 'with d as materialized (select site_id, code_id, other_id, p, sum(n) as n from ('
        || array_to_string(parts, ' union all ')
        || ') u group by 1, 2, 3, 4 having sum(n) <> 0),'
        || ' gone as (update analysis_overlap_count c set pairs = c.pairs + d.n'
        || '   from d where d.n < 0 and c.site_id = d.site_id and c.code_id = d.code_id'
        || '   and c.other_id = d.other_id and c.participant_id = d.p'
        || '   returning c.site_id, c.code_id, c.other_id, c.participant_id, d.n, c.pairs),'
        || ' came as (insert into analysis_overlap_count'
        || '   (site_id, code_id, other_id, participant_id, pairs)'
        || '   select site_id, code_id, other_id, p, n from d where n > 0 order by 1, 2, 3, 4'
        || '   on conflict (site_id, code_id, other_id, participant_id)'
        || '   do update set pairs = analysis_overlap_count.pairs + excluded.pairs'
        || '   returning site_id, code_id, other_id, participant_id, pairs),'
        || ' changed as (select site_id, code_id, other_id, participant_id, n, pairs from gone'
        || '   union all select c.site_id, c.code_id, c.other_id, c.participant_id, d.n, c.pairs'
        || '   from came c join d on d.site_id = c.site_id and d.code_id = c.code_id'
        || '   and d.other_id = c.other_id and d.p = c.participant_id),'
        || ' totals as (select site_id, code_id, other_id, sum(n) as n,'
        || '   count(*) filter (where participant_id <> ''00000000-0000-0000-0000-000000000000'''
        || '     and pairs > 0 and pairs - n = 0)'
        || '   - count(*) filter (where participant_id <> ''00000000-0000-0000-0000-000000000000'''
        || '     and pairs = 0 and pairs - n > 0) as people'
        || '   from changed group by 1, 2, 3),'
        || ' fewer as (update analysis_overlap_total t'
        || '   set pairs = t.pairs + x.n, participants = t.participants + x.people'
        || '   from totals x where x.n <= 0 and t.site_id = x.site_id and t.code_id = x.code_id'
        || '   and t.other_id = x.other_id)'
        || ' insert into analysis_overlap_total (site_id, code_id, other_id, pairs, participants)'
        || ' select site_id, code_id, other_id, n, people from totals where n > 0'
        || ' order by 1, 2, 3'
        || ' on conflict (site_id, code_id, other_id) do update'
        || ' set pairs = analysis_overlap_total.pairs + excluded.pairs,'
        || ' participants = analysis_overlap_total.participants + excluded.participants';
    return null;
end $$;

create trigger analysis_coding_counted_inserted after insert on analysis_coding
    referencing new table as added for each statement
    execute function analysis_count_codings();
create trigger analysis_coding_counted_deleted after delete on analysis_coding
    referencing old table as removed for each statement
    execute function analysis_count_codings();
create trigger analysis_coding_counted_updated after update on analysis_coding
    referencing old table as removed new table as added for each statement
    execute function analysis_count_codings();
create trigger analysis_coding_overlaps_inserted after insert on analysis_coding
    referencing new table as added for each statement
    execute function analysis_count_overlaps();
create trigger analysis_coding_overlaps_deleted after delete on analysis_coding
    referencing old table as removed for each statement
    execute function analysis_count_overlaps();
create trigger analysis_coding_overlaps_updated after update on analysis_coding
    referencing old table as removed new table as added for each statement
    execute function analysis_count_overlaps();

-- The codings already there.
insert into analysis_code_participant_count (site_id, code_id, participant_id, codings)
select site_id, code_id, coalesce(participant_id, '00000000-0000-0000-0000-000000000000'), count(*)
from analysis_coding group by 1, 2, 3;

insert into analysis_overlap_count (site_id, code_id, other_id, participant_id, pairs)
select a.site_id, a.code_id, b.code_id,
       coalesce(a.participant_id, '00000000-0000-0000-0000-000000000000'), count(*)
from analysis_coding a join analysis_coding b
  on b.source_id = a.source_id and b.turn is not distinct from a.turn
 and b.start_offset < a.end_offset and a.start_offset < b.end_offset
 and a.code_id < b.code_id
group by 1, 2, 3, 4;

insert into analysis_overlap_total (site_id, code_id, other_id, pairs, participants)
select site_id, code_id, other_id, sum(pairs),
       count(*) filter (where participant_id <> '00000000-0000-0000-0000-000000000000')
from analysis_overlap_count where pairs > 0
group by 1, 2, 3;
