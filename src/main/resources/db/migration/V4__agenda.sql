-- Local Human Security Agendas, in versions. A site has at most one draft; published versions are
-- immutable (enforced below by triggers, not only by the application) so that what the public and
-- the observatory cite never changes under them.
create table domain (
    key       text primary key,
    name_es   text not null,
    name_en   text not null,
    un1994    boolean not null,
    position  int not null
);

create table addressee (
    key       text primary key,
    name_es   text not null,
    name_en   text not null,
    position  int not null
);

create table national_principle (
    position  int primary key,
    text_es   text not null,
    text_en   text not null
);

create table agenda_version (
    id            uuid primary key default gen_random_uuid(),
    site_id       uuid not null references site (id),
    number        int  not null check (number > 0),
    state         text not null check (state in ('draft', 'published')),
    participants  int  check (participants >= 0),
    created_at    timestamptz not null default now(),
    created_by    uuid references app_user (id) on delete set null,
    published_at  timestamptz,
    published_by  uuid references app_user (id) on delete set null,
    unique (site_id, number),
    constraint published_has_date check ((state = 'published') = (published_at is not null))
);
create unique index agenda_version_one_draft on agenda_version (site_id) where state = 'draft';

create table agenda_issue (
    id              uuid primary key default gen_random_uuid(),
    version_id      uuid not null references agenda_version (id) on delete cascade,
    -- A stable reference ("apa-1") that survives from version to version.
    ref             text not null,
    position        int  not null,
    silenced        boolean not null default false,
    title_es        text,
    title_en        text,
    description_es  text,
    description_en  text,
    -- Silenced issues keep their texts only here, encrypted with the site's data key and bound
    -- to this row's id, so they cannot leak through a query, a dump or a swapped row.
    sealed          bytea,
    unique (version_id, ref),
    constraint silenced_is_sealed check (silenced = (sealed is not null)),
    constraint silenced_has_no_clear_text check (
        not silenced or (title_es is null and title_en is null
                         and description_es is null and description_en is null)),
    constraint spoken_issue_has_titles check (silenced or (title_es is not null and title_en is not null))
);
create index agenda_issue_version on agenda_issue (version_id, position);

create table agenda_issue_domain (
    issue_id    uuid not null references agenda_issue (id) on delete cascade,
    domain_key  text not null references domain (key),
    primary key (issue_id, domain_key)
);

create table agenda_proposal (
    id             uuid primary key default gen_random_uuid(),
    version_id     uuid not null references agenda_version (id) on delete cascade,
    ref            text not null,
    position       int  not null,
    addressee_key  text not null references addressee (key),
    text_es        text not null,
    text_en        text not null,
    unique (version_id, ref)
);
create index agenda_proposal_version on agenda_proposal (version_id, position);

create table agenda_proposal_issue (
    proposal_id  uuid not null references agenda_proposal (id) on delete cascade,
    issue_id     uuid not null references agenda_issue (id) on delete cascade,
    primary key (proposal_id, issue_id)
);

-- Published versions are immutable.
create function agenda_version_guard() returns trigger language plpgsql as $$
begin
    if old.state = 'published' then
        raise exception 'agenda version % is published and cannot change', old.number
            using errcode = 'check_violation';
    end if;
    return case when tg_op = 'DELETE' then old else new end;
end $$;

create trigger agenda_version_immutable
    before update or delete on agenda_version
    for each row execute function agenda_version_guard();

create function agenda_content_guard() returns trigger language plpgsql as $$
declare
    v uuid;
    s text;
begin
    if tg_table_name in ('agenda_issue', 'agenda_proposal') then
        v := case when tg_op = 'INSERT' then new.version_id else old.version_id end;
    elsif tg_table_name = 'agenda_issue_domain' then
        select version_id into v from agenda_issue
         where id = case when tg_op = 'INSERT' then new.issue_id else old.issue_id end;
    else
        select version_id into v from agenda_proposal
         where id = case when tg_op = 'INSERT' then new.proposal_id else old.proposal_id end;
    end if;
    select state into s from agenda_version where id = v;
    if s = 'published' then
        raise exception 'agenda content of a published version cannot change'
            using errcode = 'check_violation';
    end if;
    return case when tg_op = 'DELETE' then old else new end;
end $$;

create trigger agenda_issue_immutable before update or delete on agenda_issue
    for each row execute function agenda_content_guard();
create trigger agenda_issue_domain_immutable before update or delete on agenda_issue_domain
    for each row execute function agenda_content_guard();
create trigger agenda_proposal_immutable before update or delete on agenda_proposal
    for each row execute function agenda_content_guard();
create trigger agenda_proposal_issue_immutable before update or delete on agenda_proposal_issue
    for each row execute function agenda_content_guard();
