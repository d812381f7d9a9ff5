-- Best hand-written query for one quarter's expert-table figures (experttafel/cijfers.py), one
-- statement. Each part reads only what touches the quarter, through a B-tree on the date it
-- filters on (experttafel/migrations/0006); the open learning reviews at quarter end through the
-- part of the held-on index that holds no date yet, plus the reviews held after the quarter.
-- Columns: soort (which figure), sleutel (municipality or aim), a-f (its values).
-- Parameters: %(van)s, %(tot)s (the quarter's first and last day).
WITH s AS MATERIALIZED (SELECT id FROM experttafel_sessie WHERE datum BETWEEN %(van)s AND %(tot)s),
-- Every case with one of its dates in the quarter; a submission's day is its day in Amsterdam.
c AS MATERIALIZED (
    SELECT id, gemeente_id, status, les <> '' AS met_les, sessie_id IN (SELECT id FROM s) AS in_sessie,
        ingediend_op >= %(van)s::timestamp AT TIME ZONE 'Europe/Amsterdam'
            AND ingediend_op < (%(tot)s::date + 1)::timestamp AT TIME ZONE 'Europe/Amsterdam' AS ingediend,
        besproken_op BETWEEN %(van)s AND %(tot)s AS besproken,
        geescaleerd_op BETWEEN %(van)s AND %(tot)s AS geescaleerd,
        escalatie_uitkomst_op BETWEEN %(van)s AND %(tot)s AS uitkomst
    FROM experttafel_casus
    WHERE ingediend_op >= %(van)s::timestamp AT TIME ZONE 'Europe/Amsterdam'
            AND ingediend_op < (%(tot)s::date + 1)::timestamp AT TIME ZONE 'Europe/Amsterdam'
        OR besproken_op BETWEEN %(van)s AND %(tot)s
        OR geescaleerd_op BETWEEN %(van)s AND %(tot)s
        OR escalatie_uitkomst_op BETWEEN %(van)s AND %(tot)s
        OR sessie_id = ANY (ARRAY(SELECT id FROM s)))
SELECT 'gemeente' AS soort, c.gemeente_id AS sleutel,
    count(*) FILTER (WHERE ingediend)::float AS a,
    count(*) FILTER (WHERE besproken)::float AS b,
    count(*) FILTER (WHERE in_sessie AND NOT o.afgeweken AND status <> 'geadviseerd')::float AS c,
    count(*) FILTER (WHERE in_sessie AND o.afgeweken)::float AS d,
    count(*) FILTER (WHERE in_sessie AND status = 'geadviseerd' AND o.afgeweken IS NOT TRUE)::float AS e,
    count(*) FILTER (WHERE geescaleerd)::float AS f
    FROM c JOIN kern_gemeente g ON g.code = c.gemeente_id AND g.in_regio
    -- Per case of the quarter's sessions: did any party deviate (NULL: no follow-up yet).
    CROSS JOIN LATERAL (SELECT bool_or(NOT opgevolgd) AS afgeweken FROM experttafel_opvolging
        WHERE casus_id = c.id AND c.in_sessie) o
    GROUP BY c.gemeente_id
UNION ALL
SELECT 'uitkomsten', NULL, count(*), NULL, NULL, NULL, NULL, NULL FROM c WHERE uitkomst
UNION ALL
SELECT 'adviezen', NULL, count(*), percentile_cont(0.5) WITHIN GROUP (ORDER BY a.datum - (
        SELECT (k.ingediend_op AT TIME ZONE 'Europe/Amsterdam')::date FROM experttafel_casus k WHERE k.id = a.casus_id)),
    NULL, NULL, NULL, NULL FROM experttafel_advies a WHERE a.datum BETWEEN %(van)s AND %(tot)s
UNION ALL
SELECT 'lessen', t.doel, count(DISTINCT c.id), NULL, NULL, NULL, NULL, NULL
    FROM c JOIN experttafel_casus_themas ct ON ct.casus_id = c.id JOIN experttafel_thema t ON t.code = ct.thema_id
    WHERE c.met_les AND c.besproken GROUP BY t.doel
UNION ALL
SELECT 'leren', NULL,
    (SELECT count(*) FROM experttafel_leerevaluatie WHERE einddatum BETWEEN %(van)s AND %(tot)s),
    count(*), count(*) FILTER (WHERE gehouden_op <= uiterlijk),
    (SELECT count(*) FROM experttafel_leerevaluatie WHERE gehouden_op IS NULL AND einddatum <= %(tot)s)
    + (SELECT count(*) FROM experttafel_leerevaluatie WHERE gehouden_op > %(tot)s AND einddatum <= %(tot)s), NULL, NULL
    FROM experttafel_leerevaluatie WHERE gehouden_op BETWEEN %(van)s AND %(tot)s
UNION ALL
SELECT 'actieleren', t.doel, count(*), NULL, NULL, NULL, NULL, NULL
    FROM experttafel_leerevaluatie e JOIN experttafel_thema t ON t.code = e.thema_id
    WHERE e.gehouden_op BETWEEN %(van)s AND %(tot)s GROUP BY t.doel
