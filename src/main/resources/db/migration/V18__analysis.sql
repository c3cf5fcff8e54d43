-- Qualitative analysis: a codebook per site, the codings that apply its codes to the
-- de-identified text of sources, and memos.
--
-- Codings carry no text: a coding is a source, a speaker turn (its position; null for a whole
-- typed source), a span of code points in the de-identified text of that turn, a code and the
-- coder. They are kept in clear so that frequency, matrix and co-occurrence queries run as plain
-- SQL; the words they point at stay sealed in the source's parts. Memos may quote testimony, so
-- their text is sealed with the site's analysis key, bound to the memo's id.

create table analysis_code (
    id           uuid primary key default gen_random_uuid(),
    site_id      uuid not null references site (id) on delete cascade,
    parent_id    uuid,
    name_es      text not null check (length(name_es) between 1 and 200),
    name_en      text not null check (length(name_en) between 1 and 200),
    description  text not null default '' check (length(description) <= 4000),
    colour       text not null check (colour ~ '^#[0-9a-f]{6}$'),
    -- false: a folder that groups codes and is never applied to text itself.
    codable      boolean not null default true,
    position     int  not null,
    created_at   timestamptz not null default now(),
    unique (site_id, id),
    -- A parent belongs to the same site (the composite key is not checked while parent_id is null).
    foreign key (site_id, parent_id) references analysis_code (site_id, id)
);
create index analysis_code_tree on analysis_code (site_id, parent_id, position);

create table analysis_coding (
    id            uuid primary key default gen_random_uuid(),
    site_id       uuid not null references site (id) on delete cascade,
    source_id     uuid not null references source (id) on delete cascade,
    -- The turn's position in the source (SourceTurn.position); null: the whole source's text.
    turn          int check (turn > 0),
    start_offset  int not null check (start_offset >= 0),
    end_offset    int not null,
    code_id       uuid not null,
    coder_id      uuid not null references app_user (id),
    created_at    timestamptz not null default now(),
    check (end_offset > start_offset),
    foreign key (site_id, code_id) references analysis_code (site_id, id),
    -- Applying the same code to the same span twice, by the same coder, is one coding.
    unique nulls not distinct (source_id, turn, start_offset, end_offset, code_id, coder_id)
);
create index analysis_coding_by_code on analysis_coding (site_id, code_id);
create index analysis_coding_by_source on analysis_coding (source_id, turn, start_offset);
create index analysis_coding_by_coder on analysis_coding (site_id, coder_id);

create table analysis_memo (
    id           uuid primary key default gen_random_uuid(),
    site_id      uuid not null references site (id) on delete cascade,
    target_kind  text not null check (target_kind in ('code', 'source', 'coding')),
    target_id    uuid not null,
    author_id    uuid not null references app_user (id),
    -- SiteEncryption.seal(site, text, 'analysis_memo:' || id)
    sealed_text  bytea not null,
    created_at   timestamptz not null default now(),
    updated_at   timestamptz not null default now()
);
create index analysis_memo_target on analysis_memo (site_id, target_kind, target_id);
