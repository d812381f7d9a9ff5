"""Figure 1 (length of stay per municipality) as SVG, for the figures page and the PDF alike."""

import base64


def verblijfsduur_grafiek(verblijfsduur: dict, namen: dict) -> str:
    """Figure 1 as SVG (pygal), returned as a data URI for an <img> with alt text."""
    import pygal
    from pygal.style import Style

    stijl = Style(
        background="white",
        plot_background="white",
        foreground="#1a1a1a",
        foreground_strong="#1a1a1a",
        foreground_subtle="#6b6b6b",
        colors=("#01689b", "#8fcae7"),
        font_family="Liberation Sans, sans-serif",
        label_font_size=13,
        major_label_font_size=13,
        legend_font_size=13,
        title_font_size=15,
        value_font_size=11,
    )
    grafiek = pygal.Bar(
        style=stijl,
        width=760,
        height=360,
        js=[],
        legend_at_bottom=True,
        print_values=True,
        title="Verblijfsduur in dagen per gemeente",
        disable_xml_declaration=True,
        # Decimal commas in the chart too, like every figure beside it.
        value_formatter=lambda v: f"{v:.1f}".replace(".", ",") if v is not None else "",
    )
    codes = [c for c, d in verblijfsduur.items() if isinstance(d.get("aantal"), int) and d["aantal"] > 0]
    grafiek.x_labels = [namen.get(c, c) for c in codes]
    grafiek.add("Gemiddeld", [verblijfsduur[c]["gemiddeld"] for c in codes])
    grafiek.add("Mediaan", [verblijfsduur[c]["mediaan"] for c in codes])
    svg = grafiek.render()
    return "data:image/svg+xml;base64," + base64.b64encode(svg if isinstance(svg, bytes) else svg.encode()).decode()
