-- Coders who are not staff of Tejido: the users of a REFI-QDA project imported into a site
-- (another team's NVivo or QualCoder users), whose codings and notes keep their authorship.
--
-- A coding's coder and a memo's author were references to app_user; they may now also be an
-- external coder of the same site. PostgreSQL cannot point one column at two tables, so the two
-- foreign keys give way to a trigger that checks the same thing on insert and update.

create table analysis_external_coder (
    id          uuid primary key default gen_random_uuid(),
    site_id     uuid not null references site (id) on delete cascade,
    -- The user's GUID in the file it came from, to map the same coder on a later import.
    refi_guid   text check (length(refi_guid) <= 100),
    name        text not null check (length(name) between 1 and 200),
    created_at  timestamptz not null default now()
);
create index analysis_external_coder_site on analysis_external_coder (site_id, refi_guid);

alter table analysis_coding drop constraint analysis_coding_coder_id_fkey;
alter table analysis_memo drop constraint analysis_memo_author_id_fkey;

-- Statement-level, over the rows a statement wrote, so that an import of many codings checks
-- them in one anti-join rather than one lookup per row.
create function analysis_check_coding_coders() returns trigger language plpgsql as $$
declare
    missing uuid;
begin
    select c.coder_id into missing from changed c
    where not exists (select 1 from app_user u where u.id = c.coder_id)
      and not exists (select 1 from analysis_external_coder e
                      where e.id = c.coder_id and e.site_id = c.site_id)
    limit 1;
    if missing is not null then
        raise exception 'analysis: coder % is neither a user nor an external coder of the site',
            missing using errcode = 'foreign_key_violation';
    end if;
    return null;
end $$;

create function analysis_check_memo_authors() returns trigger language plpgsql as $$
declare
    missing uuid;
begin
    select c.author_id into missing from changed c
    where not exists (select 1 from app_user u where u.id = c.author_id)
      and not exists (select 1 from analysis_external_coder e
                      where e.id = c.author_id and e.site_id = c.site_id)
    limit 1;
    if missing is not null then
        raise exception 'analysis: author % is neither a user nor an external coder of the site',
            missing using errcode = 'foreign_key_violation';
    end if;
    return null;
end $$;

create trigger analysis_coding_coders_inserted after insert on analysis_coding
    referencing new table as changed for each statement
    execute function analysis_check_coding_coders();
create trigger analysis_coding_coders_updated after update on analysis_coding
    referencing new table as changed for each statement
    execute function analysis_check_coding_coders();
create trigger analysis_memo_authors_inserted after insert on analysis_memo
    referencing new table as changed for each statement
    execute function analysis_check_memo_authors();
create trigger analysis_memo_authors_updated after update on analysis_memo
    referencing new table as changed for each statement
    execute function analysis_check_memo_authors();
