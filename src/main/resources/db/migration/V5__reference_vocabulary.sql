-- The human-security vocabulary every agenda is written in: the seven domains of the UNDP 1994
-- Human Development Report plus the two the Mexican agendas added (women's and youths' safety),
-- and the three addressees of proposals. They are the platform's vocabulary, not demo data.
insert into domain (key, name_es, name_en, un1994, position) values
    ('personal',      'Seguridad personal',          'Personal safety',        true,  1),
    ('community',     'Seguridad comunitaria',       'Community safety',       true,  2),
    ('political',     'Seguridad política',          'Political security',     true,  3),
    ('economic',      'Seguridad económica',         'Economic security',      true,  4),
    ('health',        'Seguridad en salud',          'Health security',        true,  5),
    ('food',          'Seguridad alimentaria',       'Food security',          true,  6),
    ('environmental', 'Seguridad ambiental',         'Environmental security', true,  7),
    ('women',         'Seguridad de las mujeres',    'Women''s safety',        false, 8),
    ('youth',         'Seguridad de las juventudes', 'Youths'' safety',        false, 9);

insert into addressee (key, name_es, name_en, position) values
    ('authorities',   'Autoridades',                         'Authorities',                 1),
    ('civil_society', 'Organizaciones de la sociedad civil', 'Civil society organisations', 2),
    ('community',     'Comunidad',                           'Community',                   3);
