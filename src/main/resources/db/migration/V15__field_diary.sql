-- The field diary on the phone. A diary entry is about a day, which is not always the day it is
-- typed in (notes of Saturday written on Monday): about_date keeps that day, null for other kinds
-- of source and for entries saved before this migration.
--
-- diary_draft: what a person is typing in the diary form, saved to the server as she types so a
-- dropped connection or a closed tab loses nothing, and nothing readable stays on the phone. One
-- draft per person and site, sealed with the site's application key (the words are raw testimony:
-- never stored in clear) and bound in the ciphertext to the site and its author. Purged a bounded
-- time after it was last saved; submitting the entry or discarding the draft deletes it.
--
-- source_author_copy: a copy of the entry as its author typed it, sealed the same way, so that
-- she (whose role never opens the vault) can read and correct her own entry for a short window
-- after saving it. Deleted when the window closes, when a withdrawal rewrites the site's sources,
-- and with the source.
alter table source add column about_date date;

create table diary_draft (
    site_id     uuid not null references site (id) on delete cascade,
    author_id   uuid not null references app_user (id) on delete cascade,
    sealed      bytea not null,
    saved_at    timestamptz not null,
    primary key (site_id, author_id)
);
create index diary_draft_saved on diary_draft (saved_at);

create table source_author_copy (
    source_id   uuid primary key references source (id) on delete cascade,
    author_id   uuid not null references app_user (id) on delete cascade,
    sealed      bytea not null,
    saved_at    timestamptz not null,
    open_until  timestamptz not null
);
create index source_author_copy_until on source_author_copy (open_until);
create index source_author_copy_author on source_author_copy (author_id);
