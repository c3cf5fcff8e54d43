-- Held evidence is sealed at rest.
--
-- Why:
--  * A community assessment's evidence (text, link, file and the file's name) is held from the
--    public until an observatory member publishes it (V39, docs/decisions/0012), but it was kept in
--    clear: a dump or a backup read what the tracker withholds ("the lady of the corner shop told
--    us...", a photo of a street). Held evidence moves to columns sealed with the site's data key,
--    bound to the column and the update's row (observatory_update.evidence#<id>, ...), as the
--    directory's contacts are; publishing opens it into the clear columns, holding seals it again.
--  * The key lives outside the database, so this migration cannot seal: the application seals the
--    held rows still in clear once at its next start (observatory.internal.ContactsResealing), and
--    reads accept either form until then.
--  * A field is clear or sealed, never both. The file's name, type and content stay together: the
--    type (a MIME type, nothing personal) is kept in clear whenever there is a file, in either form.

alter table observatory_update
    add column evidence_sealed bytea,
    add column link_sealed bytea,
    add column file_name_sealed bytea,
    add column file_sealed bytea,
    add constraint observatory_update_evidence_once
        check (evidence = '' or evidence_sealed is null),
    add constraint observatory_update_link_once check (link is null or link_sealed is null),
    add constraint observatory_update_file_name_once
        check (file_name is null or file_name_sealed is null),
    add constraint observatory_update_file_once check (file is null or file_sealed is null);

-- V23's check that a file comes with its name and type knew only the clear columns.
do $$
declare
    name text;
begin
    select conname into strict name from pg_constraint
     where conrelid = 'observatory_update'::regclass and contype = 'c'
       and pg_get_constraintdef(oid) like '%file IS NULL%file_name IS NULL%file_type IS NULL%';
    execute format('alter table observatory_update drop constraint %I', name);
end $$;

alter table observatory_update
    add constraint observatory_update_file_whole
        check ((file is null and file_sealed is null) = (file_name is null and file_name_sealed is null)
               and (file is null and file_sealed is null) = (file_type is null));
