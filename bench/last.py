"""Load generator for bench/run.py, run as a second process: 8 threads on loopback for 10 s.
Prints requests per second. Bounded in count and time; talks only to 127.0.0.1."""

import http.client
import json
import sys
import threading
import time

POORT, TOKEN, SOORT = sys.argv[1], sys.argv[2], sys.argv[3]
DUUR, DRADEN, MAX = 10.0, 8, 20_000
BODY = json.dumps(
    {
        "jeugdige": {"voornaam": "Last", "achternaam": "Test", "geboortedatum": "2014-05-05", "gemeente": "almere"},
        "hulpvraag": "verblijf",
        "toelichting": "bench",
    }
)
tellers = [0] * DRADEN


def werk(n):
    c = http.client.HTTPConnection("127.0.0.1", int(POORT), timeout=10)
    eind = time.monotonic() + DUUR
    while time.monotonic() < eind and sum(tellers) < MAX:
        if SOORT == "intake":
            c.request(
                "POST",
                "/api/v1/crisis/aanmeldingen/",
                BODY,
                {"Authorization": f"Token {TOKEN}", "Content-Type": "application/json"},
            )
        else:
            c.request("GET", "/healthz")
        r = c.getresponse()
        r.read()
        if r.status in (200, 201):
            tellers[n] += 1


start = time.monotonic()
threads = [threading.Thread(target=werk, args=(i,)) for i in range(DRADEN)]
[t.start() for t in threads]
[t.join() for t in threads]
print(sum(tellers) / (time.monotonic() - start))
