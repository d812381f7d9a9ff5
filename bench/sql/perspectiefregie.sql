-- Best hand-written query for one quarter's perspective-direction figures (perspectiefregie/cijfers.py),
-- one statement. One pass over the trajectories active in the quarter; per voluntary trajectory one
-- index-only probe of its regisseurships (LATERAL over regisseurschap_per_traject, perspectiefregie/0008:
-- the regisseur at the reference date, the first regisseur and the changes in the quarter at once).
-- The plans on time in their own scalar subquery over the trajectories whose plan fell due in the
-- quarter, found by start date per term, one probe each (the first plan is on time exactly when some
-- plan is). One row; parameters %(van)s, %(tot)s.
SELECT count(*) FILTER (WHERE NOT k.vrij) AS gi,
    count(DISTINCT t.jeugdige_id) FILTER (WHERE k.vrij AND j.bsn IS NULL)
        + count(DISTINCT j.bsn) FILTER (WHERE k.vrij) AS jeugdigen,
    count(*) FILTER (WHERE k.vrij) AS trajecten,
    count(*) FILTER (WHERE r.actief) AS met_regisseur,
    count(*) FILTER (WHERE k.vrij AND k.uiterlijk BETWEEN %(van)s AND %(tot)s) AS verwacht,
    (SELECT count(*) FROM perspectiefregie_traject d
        WHERE d.startdatum <= %(tot)s AND (d.einddatum IS NULL OR d.einddatum >= %(van)s)
        AND NOT d.gedwongen_kader AND NOT d.gezag_derden
        AND (d.bron = 'crisis' AND d.startdatum BETWEEN %(van)s::date - 14 AND %(tot)s::date - 14
            OR d.bron = 'plaatsing' AND d.startdatum BETWEEN %(van)s::date - 42 AND %(tot)s::date - 42)
        AND EXISTS (SELECT FROM perspectiefregie_perspectiefplan p
            WHERE p.traject_id = d.id AND p.soort = 'perspectief'
            AND p.vastgesteld_op <= d.startdatum + CASE d.bron WHEN 'crisis' THEN 14 WHEN 'plaatsing' THEN 42 END)
    ) AS op_tijd,
    coalesce(sum(r.wissels), 0) AS wissels,
    percentile_cont(0.5) WITHIN GROUP (ORDER BY r.eerste - t.startdatum) FILTER (WHERE t.startdatum >= %(van)s) AS mediaan,
    count(r.eerste) FILTER (WHERE t.startdatum >= %(van)s) AS gestart
FROM perspectiefregie_traject t
JOIN kern_jeugdige j ON j.id = t.jeugdige_id
CROSS JOIN LATERAL (SELECT NOT (t.gedwongen_kader OR t.gezag_derden) AS vrij,
    t.startdatum + CASE t.bron WHEN 'crisis' THEN 14 WHEN 'plaatsing' THEN 42 END AS uiterlijk,
    least(coalesce(t.einddatum, %(tot)s), %(tot)s) AS peil) k
LEFT JOIN LATERAL (
    SELECT bool_or(r.van <= k.peil AND (r.tot IS NULL OR r.tot >= k.peil)) AS actief, min(r.van) AS eerste,
        count(*) FILTER (WHERE r.van BETWEEN %(van)s AND %(tot)s AND r.reden <> '') AS wissels
    FROM perspectiefregie_regisseurschap r WHERE r.traject_id = t.id AND k.vrij) r ON true
WHERE t.startdatum <= %(tot)s AND (t.einddatum IS NULL OR t.einddatum >= %(van)s)
