-- An import can be committed by another process than the server that shows the figures: the
-- command line (`tejido indicators import FILE`) runs in a JVM of its own, and a deployment may run
-- several servers on one database. Each server keeps its public pages in memory, so each must hear
-- of every committed import, whoever made it. Every import records itself in indicator_import in
-- its own transaction; this trigger turns that record into a NOTIFY, which PostgreSQL delivers to
-- the servers LISTENing on the channel only when (and only if) the import commits. A rolled-back or
-- interrupted import notifies nobody.
--
-- Payload: '<kind> <imported_at as an ISO-8601 instant in UTC>', e.g.
-- 'crimes 2026-03-01T10:15:30.123456Z'.

create function indicator_import_notify() returns trigger language plpgsql as $$
begin
    perform pg_notify(
        'tejido_indicators_imported',
        new.kind || ' '
            || to_char(new.imported_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'));
    return null;
end;
$$;

create trigger indicator_import_notify
    after insert on indicator_import
    for each row execute function indicator_import_notify();
