-- Staff accounts. Passwords are Argon2id hashes; there is no default account: the first
-- administrator is created from the command line or with the one-time setup token.
create table app_user (
    id             uuid primary key default gen_random_uuid(),
    username       text not null check (username ~ '^[A-Za-z0-9._@-]{3,64}$'),
    display_name   text not null check (length(display_name) between 1 and 120),
    password_hash  text not null,
    administrator  boolean not null default false,
    enabled        boolean not null default true,
    created_at     timestamptz not null default now()
);
-- Usernames are unique regardless of case, so "Ana" and "ana" cannot be two people.
create unique index app_user_username_key on app_user (lower(username));

-- Roles are held per site: a coordinator in Tijuana has no rights in Apatzingán.
create table site_membership (
    user_id  uuid not null references app_user (id) on delete cascade,
    site_id  uuid not null references site (id) on delete cascade,
    role     text not null
             check (role in ('coordinator', 'researcher', 'community_researcher', 'observatory')),
    primary key (user_id, site_id)
);
create index site_membership_site on site_membership (site_id);
