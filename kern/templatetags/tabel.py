"""{% tabel %}<table>…<caption>…</caption>…</table>{% endtabel %}: the table in a region that
scrolls sideways on its own, so a wide table never makes the page wider than the screen (WCAG
1.4.10). The region is focusable (keyboard users can scroll it) and named after the table's
caption, so the name is written once, in the caption.

On a phone a table with one header row stacks (#15.4): each body cell gets its column's name
as `data-label`, written here on the server from the table's own header (no JavaScript, the
name still written once), and app.css shows it before the value below 40em."""

import html
import re

from django import template
from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe

register = template.Library()

CAPTION = re.compile(r"<caption\b[^>]*>(.*?)</caption>", re.S | re.I)
THEAD = re.compile(r"<thead\b[^>]*>(.*?)</thead>", re.S | re.I)
TBODY = re.compile(r"(<tbody\b[^>]*>)(.*?)(</tbody>)", re.S | re.I)
KOPCEL = re.compile(r"<th\b([^>]*)>(.*?)</th>", re.S | re.I)
RIJ = re.compile(r"(<tr\b[^>]*>)(.*?)(</tr>)", re.S | re.I)
CEL = re.compile(r"<(td|th)\b([^>]*)>", re.I)


def _kolomnamen(inhoud: str) -> list[str] | None:
    """The column names of a table with one plain header row; None when it cannot stack."""
    kop = THEAD.search(inhoud)
    if not kop or kop.group(1).lower().count("<tr") != 1:
        return None
    cellen = KOPCEL.findall(kop.group(1))
    if not cellen or any("colspan" in attrs.lower() or "rowspan" in attrs.lower() for attrs, _ in cellen):
        return None
    return [" ".join(html.unescape(strip_tags(tekst)).split()) for _, tekst in cellen]


def _gestapeld(inhoud: str, namen: list[str]) -> str:
    def rij(m):
        teller = iter(range(10_000))

        def cel(c):
            i = next(teller)
            if i >= len(namen) or "data-label" in c.group(2) or "colspan" in c.group(2).lower():
                return c.group(0)
            return f'<{c.group(1)}{c.group(2)} data-label="{escape(namen[i])}">'

        return m.group(1) + CEL.sub(cel, m.group(2)) + m.group(3)

    return TBODY.sub(lambda b: b.group(1) + RIJ.sub(rij, b.group(2)) + b.group(3), inhoud)


class TabelNode(template.Node):
    def __init__(self, nodelist):
        self.nodelist = nodelist

    def render(self, context):
        inhoud = self.nodelist.render(context)
        caption = CAPTION.search(inhoud)
        naam = " ".join(html.unescape(strip_tags(caption.group(1))).split()) if caption else "Tabel"
        namen = _kolomnamen(inhoud)
        klasse = "tabelvak"
        if namen:
            inhoud, klasse = _gestapeld(inhoud, namen), "tabelvak tabelvak--stapelbaar"
        return mark_safe(f'<div class="{klasse}" role="region" tabindex="0" aria-label="{escape(naam)}">{inhoud}</div>')


@register.tag
def tabel(parser, token):
    nodelist = parser.parse(("endtabel",))
    parser.delete_first_token()
    return TabelNode(nodelist)
