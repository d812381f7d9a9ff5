from django import template

from kern import labels as _labels

register = template.Library()


@register.filter
def label(code, labels):
    """{{ code|label:labels }}: the label of any code in the figures (labels from the view)."""
    return _labels.label(code, labels or {})


@register.filter
def getal(waarde, decimalen=1):
    return _labels.getal(waarde, int(decimalen))


@register.filter
def procent(waarde):
    """'50,0%', or '–' for a percentage that is not published (None) and 'x' when secret."""
    if waarde is None:
        return "–"
    if isinstance(waarde, str):
        return waarde
    return f"{_labels.getal(float(waarde))}%"
