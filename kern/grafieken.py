"""Line charts over the last eight quarters (pygal SVG as a data URI), for the PDF and pages: in kern
so that a function's own figures page (the CCP's trend) and the report draw them alike."""

import base64

KLEUREN = ("#01689b", "#e17000", "#39870c", "#a90061", "#42145f", "#ffb612", "#1a1a1a")


def stijl(kleuren=KLEUREN, letter: int = 12):
    """The one chart style of the app (white, dark text, the report's font); `letter` is the
    label size, titles two points larger and values two smaller."""
    from pygal.style import Style

    return Style(
        background="white",
        plot_background="white",
        foreground="#1a1a1a",
        foreground_strong="#1a1a1a",
        foreground_subtle="#6b6b6b",
        colors=kleuren,
        font_family="Liberation Sans, sans-serif",
        label_font_size=letter,
        major_label_font_size=letter,
        legend_font_size=letter,
        title_font_size=letter + 2,
        value_font_size=letter - 2,
    )


def data_uri(svg) -> str:
    """A rendered chart as a data URI for an <img> with alt text (no file, no extra request)."""
    return "data:image/svg+xml;base64," + base64.b64encode(svg if isinstance(svg, bytes) else svg.encode()).decode()


def lijngrafiek(titel: str, kwartalen: list[str], reeksen: dict[str, list], eenheid: str = "") -> str:
    """One line per series; a value that is not a number (None, "x", "<5") leaves a gap."""
    import pygal

    grafiek = pygal.Line(
        style=stijl(),
        width=760,
        height=340,
        js=[],
        legend_at_bottom=True,
        title=titel,
        disable_xml_declaration=True,
        allow_interruptions=True,
        value_formatter=lambda v: (f"{v:.1f}".replace(".", ",") + eenheid) if v is not None else "",
    )
    grafiek.x_labels = kwartalen
    for naam, waarden in reeksen.items():
        grafiek.add(naam, [v if isinstance(v, (int, float)) and not isinstance(v, bool) else None for v in waarden])
    svg = grafiek.render()
    return data_uri(svg)
