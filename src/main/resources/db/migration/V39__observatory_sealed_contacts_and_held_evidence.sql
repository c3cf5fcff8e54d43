-- Personal data in the observatory is sealed at rest, and evidence is published deliberately.
--
-- Why:
--  * The directory's contacts (names, phones and addresses of officials and community leaders)
--    and the digest's e-mail addresses were clear text (V23): a dump or a backup read them. They
--    move to columns sealed with the site's data key (AES-256-GCM, the analysis tier, as the safety
--    contacts are), bound to their table and row. The key lives outside the database, so this
--    migration cannot seal: it adds the sealed columns, and the application seals the rows still
--    in clear once at its next start (observatory.internal.ContactsResealing), emptying the clear
--    column in the same statement. Until then the clear value is read as before. The constraints
--    below allow a row to be clear or sealed, never both.
--  * Evidence of a progress update (text, link, file) can identify a resident. It is public only
--    once an observatory member publishes it; official reports are public on entry, community
--    assessments are held (docs/decisions/0012). Existing community evidence is held as well: it
--    may never have been read with that in mind, and a member publishes it in one click.

alter table observatory_institution
    add column contacts_sealed bytea,
    add constraint observatory_institution_contacts_once
        check (contacts = '' or contacts_sealed is null);

alter table observatory_subscriber
    alter column email drop not null,
    add column email_sealed bytea,
    add constraint observatory_subscriber_email_once
        check ((email is null) <> (email_sealed is null));

alter table observatory_update
    add column evidence_public boolean not null default false;
update observatory_update set evidence_public = (source = 'official');
