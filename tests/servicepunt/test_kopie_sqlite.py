"""The first placement start's triggers of SQLite (`make run`, servicepunt/kopie.py) keep the copy
as PostgreSQL's do (tests/servicepunt/test_correcties.py): a new placement, a corrected start, a
placement moved to another decision and a removed one, and a decision saved with an old copy."""

import sqlite3

from servicepunt import kopie


def test_de_sqlite_triggers_houden_de_eerste_plaatsing_bij():
    db = sqlite3.connect(":memory:")
    db.execute("CREATE TABLE servicepunt_beschikking (id integer PRIMARY KEY, reden text, geplaatst_op date)")
    db.execute(
        "CREATE TABLE servicepunt_plaatsing (id integer PRIMARY KEY, beschikking_id integer, startdatum date, "
        "einddatum date)"
    )
    db.execute("INSERT INTO servicepunt_beschikking (id, reden) VALUES (1, ''), (2, '')")
    db.execute("INSERT INTO servicepunt_plaatsing VALUES (1, 1, '2026-02-01', NULL)")  # before the triggers
    db.execute(kopie._ZET)
    for _, sql in kopie.SQLITE_TRIGGERS:
        db.execute(sql)

    def kopieen():
        return dict(db.execute("SELECT id, geplaatst_op FROM servicepunt_beschikking"))

    assert kopieen() == {1: "2026-02-01", 2: None}
    db.execute("INSERT INTO servicepunt_plaatsing VALUES (2, 1, '2026-01-15', NULL)")
    assert kopieen() == {1: "2026-01-15", 2: None}
    db.execute("UPDATE servicepunt_beschikking SET reden = 'oud', geplaatst_op = NULL WHERE id = 1")
    assert kopieen() == {1: "2026-01-15", 2: None}
    db.execute("UPDATE servicepunt_plaatsing SET startdatum = '2026-03-01' WHERE id = 2")
    assert kopieen() == {1: "2026-02-01", 2: None}
    db.execute("UPDATE servicepunt_plaatsing SET beschikking_id = 2 WHERE id = 1")
    assert kopieen() == {1: "2026-03-01", 2: "2026-02-01"}
    db.execute("DELETE FROM servicepunt_plaatsing WHERE id = 1")
    assert kopieen() == {1: "2026-03-01", 2: None}
