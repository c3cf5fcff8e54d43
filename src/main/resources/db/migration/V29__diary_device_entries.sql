-- Field diary entries sealed on the phone. A community researcher without signal writes her entry,
-- and the browser seals it at once to the site's vault public key (HPKE, the vault's own suite:
-- DHKEM(X25519, HKDF-SHA256), HKDF-SHA256, AES-256-GCM, in Tink's framing) and keeps only that
-- ciphertext until it can be sent. The server stores it as it came: it never holds the words,
-- which open only in a vault unlocked by a reader, who then files the entry as a diary source.
--
-- id is made by the phone, so a retried upload finds its row and never adds a second one; the
-- ciphertext is bound to it (HPKE info "diary_device_entry:<id>"), so it cannot be moved to
-- another row. Filing the entry as a source deletes the ciphertext but keeps the row (its id and
-- the source it became), so that an upload retried after filing still finds it.
create table diary_device_entry (
    id          uuid primary key,
    site_id     uuid not null references site (id) on delete cascade,
    author_id   uuid not null references app_user (id) on delete cascade,
    sealed      bytea,
    received_at timestamptz not null default now(),
    filed_at    timestamptz,
    source_id   uuid references source (id) on delete set null,
    check ((sealed is null) = (filed_at is not null))
);
create index diary_device_entry_site on diary_device_entry (site_id, received_at);
