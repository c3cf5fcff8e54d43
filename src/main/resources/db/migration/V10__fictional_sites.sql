-- A site can be fictional: the demonstration site that `--demo` (TEJIDO_DEMO=true) creates to hold
-- the made-up fieldwork, so that trying Tejido never writes invented people into a real
-- neighbourhood. Its pages say it is fictional; real sites are never marked.
alter table site add column fictional boolean not null default false;
