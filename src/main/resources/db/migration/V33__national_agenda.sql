-- The National Agenda, composed by the national coordinator (the platform administrator) from the
-- sites' published local agendas: common threads of local issues grouped by human-security domain,
-- and the national principles and requirements. Versioned like a local agenda: at most one draft,
-- published versions immutable (enforced below by triggers, not only by the application), so that
-- what the public cites never changes under it.
--
-- A thread links to local issues by their row (agenda_issue.id), which pins site, version and
-- issue at once. Only spoken issues of published local versions may be linked: a published local
-- issue can never change or be deleted (V4's triggers), and the trigger below refuses a silenced
-- one or one of a draft, whatever the application does.
create table national_agenda_version (
    id            uuid primary key default gen_random_uuid(),
    number        int  not null unique check (number > 0),
    state         text not null check (state in ('draft', 'published')),
    created_at    timestamptz not null default now(),
    created_by    uuid references app_user (id) on delete set null,
    published_at  timestamptz,
    published_by  uuid references app_user (id) on delete set null,
    constraint national_published_has_date check ((state = 'published') = (published_at is not null))
);
create unique index national_agenda_one_draft on national_agenda_version ((true)) where state = 'draft';

create table national_thread (
    id              uuid primary key default gen_random_uuid(),
    version_id      uuid not null references national_agenda_version (id) on delete cascade,
    position        int  not null,
    domain_key      text not null references domain (key),
    title_es        text not null,
    title_en        text not null,
    description_es  text,
    description_en  text
);
create index national_thread_version on national_thread (version_id, position);

create table national_thread_issue (
    thread_id  uuid not null references national_thread (id) on delete cascade,
    issue_id   uuid not null references agenda_issue (id),
    primary key (thread_id, issue_id)
);

-- Principles and requirements, in one ordered list per kind; a requirement may name the threads
-- it answers.
create table national_statement (
    id          uuid primary key default gen_random_uuid(),
    version_id  uuid not null references national_agenda_version (id) on delete cascade,
    kind        text not null check (kind in ('principle', 'requirement')),
    position    int  not null,
    text_es     text not null,
    text_en     text not null
);
create index national_statement_version on national_statement (version_id, kind, position);

create table national_statement_thread (
    statement_id  uuid not null references national_statement (id) on delete cascade,
    thread_id     uuid not null references national_thread (id) on delete cascade,
    primary key (statement_id, thread_id)
);

-- Only a spoken issue of a published local version may join a thread.
create function national_thread_issue_public() returns trigger language plpgsql as $$
begin
    if not exists (select 1 from agenda_issue i join agenda_version v on v.id = i.version_id
                    where i.id = new.issue_id and not i.silenced and v.state = 'published') then
        raise exception 'only public issues of published local agendas join a national thread'
            using errcode = 'check_violation';
    end if;
    return new;
end $$;
create trigger national_thread_issue_public before insert or update on national_thread_issue
    for each row execute function national_thread_issue_public();

-- Published versions are immutable.
create function national_version_guard() returns trigger language plpgsql as $$
begin
    if old.state = 'published' then
        raise exception 'national agenda version % is published and cannot change', old.number
            using errcode = 'check_violation';
    end if;
    return case when tg_op = 'DELETE' then old else new end;
end $$;
create trigger national_version_immutable before update or delete on national_agenda_version
    for each row execute function national_version_guard();

create function national_content_guard() returns trigger language plpgsql as $$
declare
    v uuid;
    s text;
begin
    if tg_table_name in ('national_thread', 'national_statement') then
        v := case when tg_op = 'INSERT' then new.version_id else old.version_id end;
    elsif tg_table_name = 'national_thread_issue' then
        select version_id into v from national_thread
         where id = case when tg_op = 'INSERT' then new.thread_id else old.thread_id end;
    else
        select version_id into v from national_statement
         where id = case when tg_op = 'INSERT' then new.statement_id else old.statement_id end;
    end if;
    select state into s from national_agenda_version where id = v;
    if s = 'published' then
        raise exception 'content of a published national agenda cannot change'
            using errcode = 'check_violation';
    end if;
    return case when tg_op = 'DELETE' then old else new end;
end $$;

create trigger national_thread_immutable before insert or update or delete on national_thread
    for each row execute function national_content_guard();
create trigger national_thread_issue_immutable before insert or update or delete on national_thread_issue
    for each row execute function national_content_guard();
create trigger national_statement_immutable before insert or update or delete on national_statement
    for each row execute function national_content_guard();
create trigger national_statement_thread_immutable before insert or update or delete on national_statement_thread
    for each row execute function national_content_guard();
