-- Bulk writes of codings counted once, at their end (decision 0009, "Bulk writes").
--
-- The statement-level triggers of V25 count every statement that writes codings: a REFI-QDA
-- import of 100,000 codings paid an index probe per coding and three set-based statements per
-- batch of 20,000, and a load of a million codings with COPY took five times longer than without
-- them. A bulk write now says so, inside its own transaction, with analysis_defer_counts(site):
-- the site's lock is taken there (and kept until the transaction ends), and the triggers skip
-- every statement whose codings are all of that site; analysis_recount(site), in the same
-- transaction, then counts the site again from its codings in three set-based statements and ends
-- the deferral. The setting is transaction-local (set_config(..., true)): a rollback or a commit
-- ends it, and no other transaction ever sees it. A statement that writes codings of another site
-- meanwhile is counted as always.
--
-- The codings-count trigger now also takes the site's lock, before touching any count: a writer
-- that held a count row while waiting for the lock of a bulk write recounting that row would
-- otherwise deadlock with it.

-- Every coding written also updates each index of the table: two of the seven repeat the beginning
-- of another (the unique key starts with source, turn, start; the matrix index with site, code),
-- and serve no query the other does not.
drop index analysis_coding_by_source;
drop index analysis_coding_by_code;

-- The site whose counts are deferred in this transaction; null: none.
create function analysis_deferred_site() returns uuid language sql stable as $$
    select nullif(current_setting('tejido.analysis_counts_deferred', true), '')::uuid
$$;

-- Starts a bulk write of a site's codings: takes the site's lock (until the transaction ends) and
-- defers its counts until analysis_recount(site), which must follow in the same transaction.
create function analysis_defer_counts(site uuid) returns void language plpgsql as $$
begin
    perform pg_advisory_xact_lock(hashtextextended('analysis_coding:' || site, 0));
    perform set_config('tejido.analysis_counts_deferred', site::text, true);
end $$;

-- Counts a site's codings again from scratch, under the site's lock, and ends a deferral.
create function analysis_recount(site uuid) returns void language plpgsql as $$
begin
    perform pg_advisory_xact_lock(hashtextextended('analysis_coding:' || site, 0));
    delete from analysis_code_participant_count c where c.site_id = site;
    delete from analysis_overlap_count c where c.site_id = site;
    delete from analysis_overlap_total c where c.site_id = site;

    insert into analysis_code_participant_count (site_id, code_id, participant_id, codings)
    select c.site_id, c.code_id,
           coalesce(c.participant_id, '00000000-0000-0000-0000-000000000000'), count(*)
    from analysis_coding c where c.site_id = site group by 1, 2, 3;

    insert into analysis_overlap_count (site_id, code_id, other_id, participant_id, pairs)
    select a.site_id, a.code_id, b.code_id,
           coalesce(a.participant_id, '00000000-0000-0000-0000-000000000000'), count(*)
    from analysis_coding a join analysis_coding b
      on b.source_id = a.source_id and b.turn is not distinct from a.turn
     and b.start_offset < a.end_offset and a.start_offset < b.end_offset
     and a.code_id < b.code_id
    where a.site_id = site
    group by 1, 2, 3, 4;

    insert into analysis_overlap_total (site_id, code_id, other_id, pairs, participants)
    select o.site_id, o.code_id, o.other_id, sum(o.pairs),
           count(*) filter (where o.participant_id <> '00000000-0000-0000-0000-000000000000')
    from analysis_overlap_count o where o.site_id = site and o.pairs > 0
    group by 1, 2, 3;

    if analysis_deferred_site() = site then
        perform set_config('tejido.analysis_counts_deferred', '', true);
    end if;
end $$;

create or replace function analysis_count_codings() returns trigger language plpgsql as $$
declare
    rows constant text := $q$
        select site_id, code_id,
               coalesce(participant_id, '00000000-0000-0000-0000-000000000000') as p, %s as n
        from %s$q$;
    parts text[] := '{}';
    deferred_only boolean;
begin
    -- Inside a bulk write of this site (analysis_defer_counts), counted once at its end.
    if analysis_deferred_site() is not null then
        execute 'select true'
            || case when tg_op in ('INSERT', 'UPDATE')
                    then ' and not exists (select 1 from added where site_id <> $1)' else '' end
            || case when tg_op in ('DELETE', 'UPDATE')
                    then ' and not exists (select 1 from removed where site_id <> $1)' else '' end
            into deferred_only using analysis_deferred_site();
        if deferred_only then
            return null;
        end if;
    end if;
    -- Every writer of a site's codings takes the site's lock before touching a count (the overlap
    -- trigger below takes it too): a writer holding a count row while waiting for the lock held by
    -- a bulk write that recounts the site would otherwise deadlock with it.
    if tg_op in ('INSERT', 'UPDATE') then
        perform pg_advisory_xact_lock(hashtextextended('analysis_coding:' || site_id, 0))
        from (select distinct site_id from added order by 1) s;
    end if;
    if tg_op in ('DELETE', 'UPDATE') then
        perform pg_advisory_xact_lock(hashtextextended('analysis_coding:' || site_id, 0))
        from (select distinct site_id from removed order by 1) s;
    end if;
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

create or replace function analysis_count_overlaps() returns trigger language plpgsql as $$
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
    deferred_only boolean;
begin
    -- Inside a bulk write of this site (analysis_defer_counts), counted once at its end.
    if analysis_deferred_site() is not null then
        execute 'select true'
            || case when tg_op in ('INSERT', 'UPDATE')
                    then ' and not exists (select 1 from added where site_id <> $1)' else '' end
            || case when tg_op in ('DELETE', 'UPDATE')
                    then ' and not exists (select 1 from removed where site_id <> $1)' else '' end
            into deferred_only using analysis_deferred_site();
        if deferred_only then
            return null;
        end if;
    end if;
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
