-- The site vault (identities, raw testimony, the gazetteer). Each site has an HPKE key pair: the
-- public half here in clear, so that anyone with a role can add data without being able to read
-- it; the private half only wrapped, once per holder (a coordinator's passphrase through
-- Argon2id, or the offline recovery key printed when the vault was created). Without one of
-- those secrets nothing sealed to the vault can be read, whoever holds the database.
create table site_vault (
    site_id        uuid primary key references site (id) on delete cascade,
    public_keyset  bytea not null,
    created_at     timestamptz not null default now(),
    created_by     uuid references app_user (id) on delete set null
);

create table site_vault_key (
    site_id          uuid not null references site_vault (site_id) on delete cascade,
    -- 'user:<account id>' for a coordinator's passphrase, 'recovery' for the recovery key.
    holder           text not null check (holder = 'recovery' or holder ~ '^user:[0-9a-f-]{36}$'),
    kdf_salt         bytea not null check (length(kdf_salt) >= 16),
    kdf_memory_kib   int not null check (kdf_memory_kib >= 8192),
    kdf_iterations   int not null check (kdf_iterations >= 1),
    kdf_parallelism  int not null check (kdf_parallelism >= 1),
    wrapped_private  bytea not null,
    created_at       timestamptz not null default now(),
    primary key (site_id, holder)
);
