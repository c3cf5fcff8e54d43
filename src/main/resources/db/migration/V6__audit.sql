-- The audit log: who read or changed protected ("vault") data, and when. Residents who give
-- testimony must be able to trust that every look at their data leaves a trace that nobody can
-- quietly remove, so the log is
--   * append-only: the triggers below refuse UPDATE, DELETE and TRUNCATE, whoever asks;
--   * tamper-evident: each entry carries the SHA-256 of its own content and of the previous
--     entry's hash (computed by org.tejido.audit.AuditLog), so an entry changed or removed by
--     someone who can get past the triggers (the table's owner, a superuser) breaks the chain and
--     AuditLog.verify() says where;
--   * self-contained: site_id and actor_id are plain uuids, without foreign keys, so the log
--     outlives the sites and accounts it mentions (nothing cascades into it).
-- Entries hold pseudonymous references only (a participant code such as 'APA-017', a source id):
-- never names, never testimony.
create table audit_entry (
    -- Gapless: assigned by AuditLog under a transaction-scoped advisory lock, never by a sequence
    -- (a sequence leaves gaps on rollback, and a gap must mean tampering).
    sequence   bigint primary key check (sequence > 0),
    at         timestamptz not null,
    site_id    uuid,
    -- The member of staff who acted; null is Tejido itself (a scheduled job, a command).
    actor_id   uuid,
    action     text not null check (action ~ '^[a-z][a-z0-9_.-]{0,63}$'),
    subject    text not null check (length(subject) between 1 and 200),
    detail     text check (length(detail) between 1 and 500),
    prev_hash  bytea not null check (length(prev_hash) = 32),
    hash       bytea not null check (length(hash) = 32)
);
create index audit_entry_site on audit_entry (site_id, sequence desc);

create function audit_entry_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'audit_entry is append-only: % refused', tg_op
        using errcode = 'check_violation';
end $$;

-- Statement-level, so that even a statement touching no row is refused, and TRUNCATE (which has
-- no row triggers) is covered too.
create trigger audit_entry_append_only
    before update or delete or truncate on audit_entry
    for each statement execute function audit_entry_append_only();
