"""{% tabel %}<table>…<caption>…</caption>…</table>{% endtabel %}: the table in a region that
scrolls sideways on its own, so a wide table never makes the page wider than the screen (WCAG
1.4.10). The region is focusable (keyboard users can scroll it) and named after the table's
caption, so the name is written once, in the caption."""

import html
import re

from django import template
from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe

register = template.Library()

CAPTION = re.compile(r"<caption\b[^>]*>(.*?)</caption>", re.S | re.I)


class TabelNode(template.Node):
    def __init__(self, nodelist):
        self.nodelist = nodelist

    def render(self, context):
        inhoud = self.nodelist.render(context)
        caption = CAPTION.search(inhoud)
        naam = " ".join(html.unescape(strip_tags(caption.group(1))).split()) if caption else "Tabel"
        return mark_safe(f'<div class="tabelvak" role="region" tabindex="0" aria-label="{escape(naam)}">{inhoud}</div>')


@register.tag
def tabel(parser, token):
    nodelist = parser.parse(("endtabel",))
    parser.delete_first_token()
    return TabelNode(nodelist)
