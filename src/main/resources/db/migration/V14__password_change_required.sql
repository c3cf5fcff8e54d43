-- An administrator can reset a staff member's password (a forgotten password, a shared one, a
-- departure). The temporary password is seen by the administrator, so it must not stay the
-- person's: password_change_required makes every session of the account reach only the password
-- change page and sign-out until the person has chosen a password of their own, which clears it.
alter table app_user add column password_change_required boolean not null default false;
