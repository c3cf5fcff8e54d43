-- A source's turns are stored as one row per source and speaker ("part") instead of one row per
-- turn: a 120-turn transcript with six speakers is now six rows instead of 120 turn rows, five
-- speaker rows and six keys, which was most of what storing a source cost the database.
--
-- A part's turns are packed (org.tejido.fieldwork.internal.PackedTurns: per turn the id, 16
-- bytes; the position, 4; the length, 4; the bytes) in one of two formats:
--   2  the packed turns encrypted as one ciphertext with the part's data key, bound to the part's
--      id (and the de-identified ones likewise with the site's application key): what Tejido
--      writes from now on;
--   1  each turn encrypted on its own, bound to its turn id, the ciphertexts packed: what this
--      migration makes of the rows stored before. Nothing is decrypted here — existing
--      ciphertexts are moved as they are, so the migration needs no key and the vault may stay
--      locked.

alter table source_key rename to source_part;
alter table source_part rename constraint source_key_pkey to source_part_pkey;
alter table source_part rename constraint source_key_source_id_fkey to source_part_source_id_fkey;
alter table source_part
    rename constraint source_key_participant_id_fkey to source_part_participant_id_fkey;
alter table source_part
    rename constraint source_key_source_id_participant_id_key to source_part_source_id_participant_id_key;

alter table source_part
    add column turns              int,
    add column format             smallint,
    add column raw_turns          bytea,
    -- the de-identified turns, in the same format, encrypted with the site's application key
    add column deidentified_turns bytea;

update source_part p
   set turns = t.turns,
       format = 1,
       raw_turns = t.raw_turns,
       deidentified_turns = t.deidentified_turns
  from (select key_id,
               count(*) as turns,
               string_agg(uuid_send(id) || int4send(position) || int4send(length(raw_sealed))
                          || raw_sealed, ''::bytea order by position) as raw_turns,
               case when bool_and(deidentified_sealed is not null) then
                   string_agg(uuid_send(id) || int4send(position)
                              || int4send(length(deidentified_sealed)) || deidentified_sealed,
                              ''::bytea order by position)
               end as deidentified_turns
          from source_turn
         group by key_id) t
 where t.key_id = p.id;

-- A key no turn used carries nothing.
delete from source_part where raw_turns is null;

alter table source_part
    alter column turns set not null,
    alter column format set not null,
    add constraint source_part_format check (format in (1, 2)),
    alter column raw_turns set not null,
    add constraint source_part_turns check (turns > 0);

-- Ciphertext does not compress: never try. A part of up to about 8 KB (a speaker's share of a
-- workshop transcript) stays in its row rather than in TOAST chunks of 2 KB; longer ones are
-- still moved out of line.
alter table source_part
    alter column raw_turns set storage external,
    alter column deidentified_turns set storage external,
    set (toast_tuple_target = 8160);

-- Withdrawing a participant deletes their parts by cascade: find them without a scan.
create index source_part_participant on source_part (participant_id) where participant_id is not null;

-- Both are now read from source_part: who spoke is its participant_id.
drop table source_turn;
drop table source_speaker;
