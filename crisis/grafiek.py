"""Figure 1 (length of stay per municipality) as SVG, for the figures page and the PDF alike."""


def verblijfsduur_grafiek(verblijfsduur: dict, namen: dict) -> str:
    """Figure 1 as SVG (pygal), returned as a data URI for an <img> with alt text."""
    import pygal

    from kern.grafieken import data_uri, stijl

    grafiek = pygal.Bar(
        style=stijl(kleuren=("#01689b", "#8fcae7"), letter=13),
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
    return data_uri(svg)
