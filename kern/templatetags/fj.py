from django import template

register = template.Library()


@register.filter
def sleutel(d, k):
    """d[k] in a template, for figures keyed by code."""
    try:
        return d.get(k)
    except AttributeError:
        return None
