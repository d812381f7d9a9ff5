"""The sections of the quarterly report: each function publishes its figures once (registered
in its own apps.py into `kern.secties`), and the API, the page, the CSV, the JSON and the PDF
all read them from here."""

from kern.secties import SECTIES, Sectie, plat_csv, registreer, sectie

__all__ = ["SECTIES", "Sectie", "plat_csv", "registreer", "sectie"]
