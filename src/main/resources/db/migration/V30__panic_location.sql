-- A panic alert may carry the member's last known location, when she ticked "send my location"
-- and her phone gave one. Location is itself dangerous (it tells where a researcher is, and where
-- she goes), so it is sealed with the site key like the trip's place, bound to this column and
-- row, shown only to the site's coordinators on the safety dashboard, never sent by e-mail or
-- webhook, and deleted with the alert by the retention job.
alter table safety_alert add column location bytea;
