-- Best hand-written query for one quarter's CCP figures (crisis/cijfers.py), one statement,
-- the same indexes and copies (migrations 0011, 0014) as the app. Columns: soort (which figure), a-d (its keys), n, x, y, z (its values).
-- Parameters: %(van)s, %(tot)s (the quarter's first and last day).
WITH a AS NOT MATERIALIZED (
    SELECT id, gemeente_id, leeftijdsgroep, kopie_persoon, bron, reden_geen_id, alternatief_id FROM crisis_aanmelding
    WHERE aanmelddatum BETWEEN %(van)s AND %(tot)s),
m AS NOT MATERIALIZED (
    SELECT aanmelding_id, kopie_gemeente, kopie_leeftijdsgroep, hulpvorm_id FROM crisis_inzet
    WHERE kopie_aanmelddatum BETWEEN %(van)s AND %(tot)s),
v AS (SELECT code FROM kern_hulpvorm WHERE verblijf),
e AS NOT MATERIALIZED (
    SELECT hulpvorm_id, kopie_gemeente, kopie_leeftijdsgroep, vervolg_ambulant_id, vervolg_verblijf_id, startdatum,
    einddatum FROM crisis_inzet WHERE einddatum BETWEEN %(van)s AND %(tot)s),
s AS NOT MATERIALIZED (
    SELECT id, startdatum, kopie_plandatum, ambulant_lokaal_team, ambulant_door_id FROM crisis_inzet
    WHERE startdatum BETWEEN %(van)s AND %(tot)s AND hulpvorm_id IN (SELECT code FROM v))
SELECT 'personen' AS soort, NULL AS a, NULL AS b, NULL AS c, NULL AS d, count(DISTINCT kopie_persoon)::float AS n,
    NULL::float AS x, NULL::float AS y, NULL::float AS z FROM a
UNION ALL
SELECT 'tabel1', kopie_gemeente, kopie_leeftijdsgroep, hulpvorm_id, NULL, count(*), NULL, NULL, NULL FROM m GROUP BY 2, 3, 4
UNION ALL
SELECT 'aanmeldingen', gemeente_id, leeftijdsgroep, bron, reden_geen_id || '/' || coalesce(alternatief_id, ''), count(*),
    count(*) FILTER (WHERE id NOT IN (SELECT aanmelding_id FROM m)), NULL, NULL FROM a GROUP BY 2, 3, 4, 5
UNION ALL
SELECT 'vervolg', hulpvorm_id, kopie_leeftijdsgroep, vervolg_ambulant_id, vervolg_verblijf_id, count(*), NULL, NULL, NULL
    FROM e GROUP BY 2, 3, 4, 5
UNION ALL
SELECT 'duur', kopie_gemeente, NULL, NULL, NULL, count(*), avg(einddatum - startdatum),
    percentile_cont(0.5) WITHIN GROUP (ORDER BY einddatum - startdatum), min(einddatum - startdatum) * 1000
    + max(einddatum - startdatum)
    FROM e WHERE hulpvorm_id IN (SELECT code FROM v) AND startdatum IS NOT NULL GROUP BY 2
UNION ALL
SELECT 'plan', NULL, NULL, NULL, NULL, count(*), count(*) FILTER (WHERE kopie_plandatum <= startdatum + 14), NULL, NULL
    FROM s
UNION ALL
SELECT 'partner', s.ambulant_lokaal_team::text,
    (SELECT d.aanbieder_id FROM crisis_inzet d WHERE d.id = s.ambulant_door_id), NULL, NULL, count(*), NULL, NULL, NULL
    FROM s GROUP BY 2, 3
UNION ALL
SELECT 'boven', NULL, NULL, NULL, NULL, count(*), NULL, NULL, NULL FROM crisis_inzet
    WHERE startdatum BETWEEN %(van)s AND %(tot)s AND boven_capaciteit_reden <> '' AND hulpvorm_id IN (SELECT code FROM v)
