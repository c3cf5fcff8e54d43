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

create function analysis_coder_exists(who uuid, site uuid) returns boolean language sql stable as $$
    select exists (select 1 from app_user where id = who)
        or exists (select 1 from analysis_external_coder where id = who and site_id = site)
$$;

create function analysis_check_coding_coder() returns trigger language plpgsql as $$
begin
    if not analysis_coder_exists(new.coder_id, new.site_id) then
        raise exception 'analysis: coder % is neither a user nor an external coder of the site',
            new.coder_id using errcode = 'foreign_key_violation';
    end if;
    return new;
end $$;

create function analysis_check_memo_author() returns trigger language plpgsql as $$
begin
    if not analysis_coder_exists(new.author_id, new.site_id) then
        raise exception 'analysis: author % is neither a user nor an external coder of the site',
            new.author_id using errcode = 'foreign_key_violation';
    end if;
    return new;
end $$;

create trigger analysis_coding_coder before insert or update of coder_id, site_id on analysis_coding
    for each row execute function analysis_check_coding_coder();
create trigger analysis_memo_author before insert or update of author_id, site_id on analysis_memo
    for each row execute function analysis_check_memo_author();
