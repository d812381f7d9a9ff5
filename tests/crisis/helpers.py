import datetime

AANMELDINGEN = "/api/v1/crisis/aanmeldingen/"


def referral(gemeente="almere", hulpvraag="ambulant", geboortedatum="2016-05-01", **jeugdige):
    return {
        "jeugdige": {
            "voornaam": "Sanne",
            "achternaam": "Testkind",
            "geboortedatum": geboortedatum,
            "gemeente": gemeente,
            **jeugdige,
        },
        "hulpvraag": hulpvraag,
        "toelichting": "Ouders kunnen de veiligheid thuis niet meer bieden.",
    }


def datum(d: datetime.date) -> str:
    return d.isoformat()
