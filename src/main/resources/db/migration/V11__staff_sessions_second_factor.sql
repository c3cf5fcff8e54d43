-- Staff account security.
--
-- session_epoch: stamped into a session at sign-in and compared on every request. Disabling an
-- account, changing its password or resetting its second factor raises it, which ends every
-- session the account had open, on every node, at their next request.
--
-- staff_second_factor: the TOTP secret (RFC 6238) of administrators and coordinators, encrypted
-- with the account data key (below); confirmed_at stays null until the person has typed a code
-- from their authenticator. last_used_step is the time step of the last code accepted, so a code
-- is accepted once: a code seen by someone looking over a shoulder cannot be replayed.
--
-- staff_recovery_code: single-use codes for a lost phone, stored only as Argon2id hashes.
--
-- account_data_key: data keys that belong to no site (Tink AEAD key sets), wrapped by the master
-- key like site_data_key and re-wrapped with it when the master key is rotated.
alter table app_user add column session_epoch bigint not null default 0;

create table staff_second_factor (
    user_id        uuid primary key references app_user (id) on delete cascade,
    sealed_secret  bytea not null,
    created_at     timestamptz not null default now(),
    confirmed_at   timestamptz,
    last_used_step bigint not null default 0
);

create table staff_recovery_code (
    id        uuid primary key default gen_random_uuid(),
    user_id   uuid not null references app_user (id) on delete cascade,
    code_hash text not null,
    used_at   timestamptz
);
create index staff_recovery_code_user on staff_recovery_code (user_id);

create table account_data_key (
    purpose        text primary key check (purpose ~ '^[a-z][a-z0-9-]{0,63}$'),
    wrapped_keyset bytea not null,
    created_at     timestamptz not null default now(),
    rotated_at     timestamptz
);
