-- The human-security codebook is given to a site once. Tejido gave it at start-up to every site
-- without codes, so a team that deliberately deleted every code found the whole seed back after
-- the next restart. This table remembers which sites were given (or already had) a codebook, so
-- that an emptied codebook stays empty.
create table analysis_codebook_given (
    site_id   uuid primary key references site (id) on delete cascade,
    given_at  timestamptz not null default now()
);

-- Every site that has codes today was given the seed or built its own: either way, it is done.
insert into analysis_codebook_given (site_id)
select distinct site_id from analysis_code;
