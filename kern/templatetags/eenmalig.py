"""`{% eenmalig %}` in a form that creates a record: a hidden one-time token, made when the form
is shown, so a double click makes one record (kern/idempotentie.py)."""

from django import template
from django.utils.html import format_html

from kern.idempotentie import VELD, nieuw_token

register = template.Library()


@register.simple_tag
def eenmalig():
    return format_html('<input type="hidden" name="{}" value="{}">', VELD, nieuw_token())
