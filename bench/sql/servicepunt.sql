-- Best hand-written query for one quarter's service-point figures (servicepunt/cijfers.py), one
-- statement, the same indexes as the app (servicepunt/0007). Columns: soort (which figure), a and
-- b (its keys), n, x, y, z, u (its values, per soort below).
-- Parameters: %(van)s, %(tot)s (the quarter's first and last day). The reference date is the
-- quarter's last day, or today (in the region's time zone) while the quarter runs: written out
-- where it is used, so the planner estimates each condition on it from the statistics (a CTE
-- or a parameter would hide the day and cost a generic plan).
-- Placements holding their place on the reference date: started by then, not yet ended (the end
-- is the first free day); the still-open ones and those ending later, each from its own index.
WITH bezet AS (
    SELECT p.voorziening_id, count(*) AS n FROM servicepunt_plaatsing p
    WHERE p.startdatum <= LEAST(%(tot)s::date, (now() AT TIME ZONE 'Europe/Amsterdam')::date)
    AND (p.einddatum IS NULL OR p.einddatum > LEAST(%(tot)s::date, (now() AT TIME ZONE 'Europe/Amsterdam')::date))
    GROUP BY 1)
-- capaciteit: a type, n capacity on the reference date (the last confirmation by then, else
-- today's), x occupied (placements and crisis stays).
SELECT 'capaciteit' AS soort, v.type_id AS a, NULL AS b, sum(coalesce(m.capaciteit, v.capaciteit))::float AS n,
    sum(coalesce(z.n, 0) + c.n)::float AS x, NULL::float AS y, NULL::float AS z, NULL::float AS u
    FROM kern_voorziening v JOIN kern_voorzieningtype t ON t.code = v.type_id
    LEFT JOIN LATERAL (SELECT m.capaciteit FROM servicepunt_capaciteitsmelding m WHERE m.voorziening_id = v.id
        AND m.gemeld_op < (LEAST(%(tot)s::date, (now() AT TIME ZONE 'Europe/Amsterdam')::date) + 1)::timestamp
            AT TIME ZONE 'Europe/Amsterdam'
        ORDER BY m.gemeld_op DESC, m.id DESC LIMIT 1) m ON true
    LEFT JOIN bezet z ON z.voorziening_id = v.id
    -- Crisis stays in these facilities (none by the rules, but occupancy counts every stay):
    -- probed per facility on its own index; one group with LIMIT 1 keeps the planner's estimate
    -- of crisis_inzet's three crisis facilities (a third of a million rows each) from
    -- compiling the statement with JIT for what is an empty probe.
    CROSS JOIN LATERAL (SELECT coalesce((SELECT count(*) FROM crisis_inzet i
        WHERE i.voorziening_id IS NOT NULL AND i.voorziening_id = v.id
        AND coalesce(i.startdatum, '-infinity') <= LEAST(%(tot)s::date, (now() AT TIME ZONE 'Europe/Amsterdam')::date)
        AND coalesce(i.einddatum, 'infinity') > LEAST(%(tot)s::date, (now() AT TIME ZONE 'Europe/Amsterdam')::date)
        AND i.hulpvorm_id IN (SELECT code FROM kern_hulpvorm WHERE verblijf)
        GROUP BY i.voorziening_id LIMIT 1), 0) AS n) c
    WHERE v.actief AND t.hulpvorm_id IS NULL GROUP BY 2
UNION ALL
-- wachtlijst: n decisions with a stay issued by the reference date and not placed by then, x
-- their median waiting days.
SELECT 'wachtlijst', NULL, NULL, count(*),
    percentile_cont(0.5) WITHIN GROUP (ORDER BY LEAST(%(tot)s::date, (now() AT TIME ZONE 'Europe/Amsterdam')::date) - w.afgegeven_op),
    NULL, NULL, NULL
    FROM servicepunt_beschikking w
    WHERE w.zorgtype_id IS NOT NULL AND w.afgegeven_op <= LEAST(%(tot)s::date, (now() AT TIME ZONE 'Europe/Amsterdam')::date)
    AND (w.geplaatst_op IS NULL OR w.geplaatst_op > LEAST(%(tot)s::date, (now() AT TIME ZONE 'Europe/Amsterdam')::date))
UNION ALL
-- beschikkingen: a 'gemeente' or 'aanbieder' with b its code, or both NULL for the whole quarter;
-- n issued in the quarter, x of those with a stay, y judged by the two-week rule (day 14 passed
-- by the reference date), z of those started by day 14 (ambulant help, bridging help or a placement).
SELECT 'beschikkingen', CASE WHEN GROUPING(gemeente_id) = 0 THEN 'gemeente' WHEN GROUPING(aanbieder_id) = 0
    THEN 'aanbieder' END, coalesce(gemeente_id, aanbieder_id), count(*), count(*) FILTER (WHERE zorgtype_id IS NOT NULL),
    count(*) FILTER (WHERE beoordeeld), count(*) FILTER (WHERE beoordeeld AND gehaald), NULL
    FROM (SELECT b.gemeente_id, b.aanbieder_id, b.zorgtype_id,
            b.afgegeven_op <= LEAST(%(tot)s::date, (now() AT TIME ZONE 'Europe/Amsterdam')::date) - 14 AS beoordeeld,
            LEAST(b.ambulant_gestart_op, b.geplaatst_op) <= b.afgegeven_op + 14 OR EXISTS (
                SELECT FROM servicepunt_overbrugging o WHERE o.beschikking_id = b.id AND o.startdatum <= b.afgegeven_op + 14
            ) AS gehaald
        FROM servicepunt_beschikking b WHERE b.afgegeven_op BETWEEN %(van)s AND %(tot)s) b
    GROUP BY GROUPING SETS ((), (gemeente_id), (aanbieder_id))
    HAVING GROUPING(gemeente_id, aanbieder_id) = 3 OR count(*) FILTER (WHERE beoordeeld) > 0
UNION ALL
-- plaatsingen: a the ambulant partner's local team (true/false) and b its provider, or both NULL
-- for the whole quarter; n started in the quarter, x of those outside the region, y in the
-- facility of first choice, z transfers (another placement of the youth ended at most 14 days
-- before), u recidivism (one ended 15-365 days before).
SELECT 'plaatsingen', CASE WHEN GROUPING(p.ambulant_lokaal_team) = 0 THEN p.ambulant_lokaal_team::text END,
    p.ambulant_aanbieder_id, count(*), count(*) FILTER (WHERE b.buiten_regio OR NOT gm.in_regio),
    count(*) FILTER (WHERE p.eerste_keus_id IS NULL OR p.eerste_keus_id = p.voorziening_id),
    count(*) FILTER (WHERE e.laatste >= p.startdatum - 14), count(*) FILTER (WHERE e.eerder)
    FROM servicepunt_plaatsing p JOIN servicepunt_beschikking b ON b.id = p.beschikking_id
    LEFT JOIN kern_voorziening v ON v.id = p.voorziening_id LEFT JOIN kern_gemeente gm ON gm.code = v.gemeente_id
    LEFT JOIN LATERAL (SELECT max(q.einddatum) AS laatste, bool_or(q.einddatum < p.startdatum - 14) AS eerder
        FROM servicepunt_beschikking qb JOIN servicepunt_plaatsing q ON q.beschikking_id = qb.id
        WHERE qb.jeugdige_id = b.jeugdige_id AND q.id <> p.id
        AND q.einddatum BETWEEN p.startdatum - 365 AND p.startdatum) e ON true
    WHERE p.startdatum BETWEEN %(van)s AND %(tot)s
    GROUP BY GROUPING SETS ((), (p.ambulant_lokaal_team, p.ambulant_aanbieder_id))
UNION ALL
-- uitstroom: n placements ended in the quarter, x their mean length in days.
SELECT 'uitstroom', NULL, NULL, count(*), avg(einddatum - startdatum), NULL, NULL, NULL
    FROM servicepunt_plaatsing WHERE einddatum BETWEEN %(van)s AND %(tot)s
