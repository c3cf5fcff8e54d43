-- A panic alert may carry the member's last known location, when she ticked "send my location"
-- and her phone gave one. Location is itself dangerous (it tells where a researcher is, and where
-- she goes), so it is sealed with the site key like the trip's place, bound to this column and
-- row, shown only to the site's coordinators on the safety dashboard, never sent by e-mail or
-- webhook, and deleted with the alert by the retention job.
alter table safety_alert add column location bytea;

-- The check-out PIN: with one set, every check-out asks for a PIN, and the duress PIN is its
-- alternative, so that someone watching her screen sees a PIN typed either way. Hashed (Argon2id)
-- like the duress PIN. Null for a member who set only a duress PIN before it existed: her
-- check-out keeps its optional PIN field until she sets both.
alter table safety_duress_pin add column checkout_pin_hash text;
