-- Envelope encryption: each site has its own data key set (Tink AEAD), stored here only in
-- encrypted form, wrapped by the master key that lives outside the database (key file or
-- environment). A dump of this table is useless without the master key.
create table site_data_key (
    site_id        uuid primary key references site (id) on delete cascade,
    wrapped_keyset bytea not null,
    created_at     timestamptz not null default now(),
    rotated_at     timestamptz
);
