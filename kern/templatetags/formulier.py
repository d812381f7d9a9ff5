"""A form field tied to its hint and its error (the Utrecht form-field pattern): a screen reader
reads the error with the field, not only in the message at the top of the page."""

from django import template

register = template.Library()


@register.filter
def beschreven(veld):
    """{{ veld|beschreven }}: the widget with aria-describedby (hint, error) and aria-invalid."""
    ids = []
    if veld.help_text:
        ids.append(f"{veld.auto_id}_hint")
    attrs = {}
    if veld.errors:
        ids.append(f"{veld.auto_id}_fout")
        attrs["aria-invalid"] = "true"
    if ids:
        attrs["aria-describedby"] = " ".join(ids)
    return veld.as_widget(attrs=attrs)
