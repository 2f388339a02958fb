"""Choropleth maps of the United States and its territories, drawn on the server as inline SVG.

The shapes are pre-decoded from us-atlas by scripts/build_map_shapes.py into data/*.json.gz, so a
request only formats strings; the rendered SVG is cached per input. Nothing here needs JavaScript:
tooltips are SVG <title>s and links are plain <a href>.

    svg = state_map_svg(counts, lambda code: reverse("portal:state", args=[code]), "Agreements by state")
    {{ svg }}   (the result is a SafeString; `|safe` is harmless)
"""

from __future__ import annotations

import gzip
import json
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from html import escape
from pathlib import Path
from typing import Any

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from g287.core.states import CODE_BY_FIPS
from g287.portal.statenames import local_state_name

DATA_DIR = Path(__file__).resolve().parent / "data"

# ColorBrewer Blues 9 without its near-white first step, which would read as "none".
PALETTE: tuple[str, ...] = (
    "#deebf7", "#c6dbef", "#9ecae1", "#6baed6", "#4292c6", "#2171b5", "#08519c", "#08306b",
)  # fmt: skip
NEUTRAL = "#e4e4e4"
# Finer steps first; the first sequence that fits the palette wins, so small counts get exact classes.
_STEP_SEQUENCES: tuple[tuple[int, ...], ...] = (
    (1, 2, 5, 10, 25, 50, 100, 250, 500),
    (1, 3, 10, 30, 100, 300, 1000, 3000),
    (1, 10, 100, 1000, 10_000, 100_000, 1_000_000),
)
FONT = "system-ui,-apple-system,'Segoe UI',Roboto,sans-serif"
CACHE_SIZE = 64


@dataclass(frozen=True)
class Scale:
    """Classes of a sequential scale: class i holds values from thresholds[i] up to the next one."""

    thresholds: tuple[int, ...]
    colors: tuple[str, ...]

    def color(self, value: int) -> str:
        if value <= 0 or not self.thresholds:
            return NEUTRAL
        index = 0
        for i, t in enumerate(self.thresholds):
            if value >= t:
                index = i
        return self.colors[index]


def color_scale(max_value: int) -> Scale:
    """Class breaks at round numbers, fixed for a given maximum: the same count gets the same colour
    on every page and snapshot with a similar range, which quantiles would not give."""
    if max_value <= 0:
        return Scale((), ())
    if max_value <= len(PALETTE):
        thresholds = tuple(range(1, max_value + 1))
    else:
        thresholds = ()
        for steps in _STEP_SEQUENCES:
            thresholds = tuple(t for t in steps if t <= max_value)
            if len(thresholds) <= len(PALETTE):
                break
        thresholds = thresholds[: len(PALETTE)]
    n = len(thresholds)
    # Spread the classes over the whole palette so that even two classes differ clearly.
    picks = [round(i * (len(PALETTE) - 1) / (n - 1)) for i in range(n)] if n > 1 else [len(PALETTE) - 1]
    return Scale(thresholds, tuple(PALETTE[i] for i in picks))


# --- shapes ------------------------------------------------------------------------------------------


@lru_cache(maxsize=2)
def _load(name: str) -> dict[str, Any]:
    with gzip.open(DATA_DIR / name, "rt", encoding="utf-8") as f:
        data: dict[str, Any] = json.load(f)
    return data


def state_shapes() -> dict[str, str]:
    """{postal code: SVG path data} for every state, DC and territory."""
    shapes: dict[str, str] = _load("states.json.gz")["states"]
    return shapes


def county_shapes() -> dict[str, tuple[str, str]]:
    """{5-digit FIPS: (county name, SVG path data)}, territories included."""
    return {fips: (name, d) for fips, (name, d) in _load("counties.json.gz")["counties"].items()}


# --- rendering ---------------------------------------------------------------------------------------


def _plural(n: int, unit: tuple[str, str]) -> str:
    return f"{n:,} {unit[0] if n == 1 else unit[1]}"


def _attr(text: str) -> str:
    return escape(text, quote=True)


def _svg_open(meta: Mapping[str, Any], title: str, summary: str, *, interactive: bool, kind: str) -> str:
    # With links inside, role="img" would hide them from screen readers, so the map is then a group.
    role = "group" if interactive else "img"
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="g287-map g287-map-{kind}" '
        f'viewBox="0 0 {meta["width"]} {meta["height"]}" width="100%" '
        f'preserveAspectRatio="xMidYMid meet" role="{role}" aria-label="{_attr(title)}" '
        f'font-family="{_attr(FONT)}">'
        f"<title>{escape(title)}</title><desc>{escape(summary)}</desc>"
        # Sizing and hover outlines come from portal.css (.g287-map): the Content-Security-Policy
        # allows no inline style.
    )


def _legend(meta: Mapping[str, Any], scale: Scale, caption: str, max_value: int) -> str:
    """A stepped colour bar under the map, with the class breaks as ticks. Sizes are large in frame
    units because a 975-unit-wide map is shown about 360 pixels wide on a phone."""
    top = float(meta["map_height"]) + 12
    x0, height, font = 12.0, 22.0, 24
    parts = [f'<g class="legend" aria-hidden="true" font-size="{font}" fill="#222">']
    parts.append(f'<text x="{x0:g}" y="{top + height - 3:g}" font-weight="600">{escape(caption)}</text>')
    # Bold text runs about 0.62 em per character in the usual sans-serifs.
    x = x0 + len(caption) * font * 0.62 + 18
    label_y = top + height + font + 2
    parts.append(
        f'<rect x="{x:g}" y="{top:g}" width="{height:g}" height="{height:g}" fill="{NEUTRAL}" stroke="#999" '
        f'stroke-width=".5"/><text x="{x + height / 2:g}" y="{label_y:g}" text-anchor="middle">0</text>'
    )
    x += height + 22
    n = len(scale.thresholds)
    if n:
        step = min(78.0, (820 - x) / n)  # the territory boxes start at x=842
        for i, (t, c) in enumerate(zip(scale.thresholds, scale.colors, strict=True)):
            parts.append(
                f'<rect x="{x + i * step:g}" y="{top:g}" width="{step:g}" height="{height:g}" fill="{c}"/>'
            )
            # Ticks mark where a class starts; centred on the boundary, like an axis.
            anchor = "start" if i == 0 else "middle"
            parts.append(f'<text x="{x + i * step:g}" y="{label_y:g}" text-anchor="{anchor}">{t:,}</text>')
        parts.append(
            f'<rect x="{x:g}" y="{top:g}" width="{n * step:g}" height="{height:g}" fill="none" '
            'stroke="#999" stroke-width=".5"/>'
        )
        # The end of the bar is the actual maximum, so a reader sees how far the darkest class goes.
        if max_value > scale.thresholds[-1]:
            parts.append(f'<text x="{x + n * step:g}" y="{label_y:g}" text-anchor="end">{max_value:,}</text>')
    parts.append("</g>")
    return "".join(parts)


def _inset_frame(box: Mapping[str, Any], fill: str | None) -> str:
    """A territory's box and label. Islands are specks even when fitted, so the box is filled with
    the territory's colour; it goes inside the territory's link so that the whole box can be tapped."""
    x, y, w, h = box["x"], box["y"], box["w"], box["h"]
    paint = f'fill="{fill}"' if fill else 'fill="#fff" fill-opacity="0"'
    return (
        f'<rect x="{x:g}" y="{y:g}" width="{w:g}" height="{h:g}" rx="3" {paint} stroke="#999" '
        f'stroke-width=".8"/><text x="{x + 1:g}" y="{y - 5:g}" font-size="21" fill="#333">'
        f"{box['code']}</text>"
    )


def _summary(values: Mapping[str, int], name: Callable[[str], str], unit: tuple[str, str]) -> str:
    """A text equivalent of the picture: totals and the largest areas."""
    positive = sorted(((v, k) for k, v in values.items() if v > 0), key=lambda p: (-p[0], p[1]))
    if not positive:
        return _("No %(things)s.") % {"things": unit[1]}
    top = ", ".join(f"{name(k)} {v:,}" for v, k in positive[:5])
    return _("%(count)s with at least one; most: %(top)s.") % {"count": f"{len(positive):,}", "top": top}


@lru_cache(maxsize=CACHE_SIZE)
def _state_map(
    values: tuple[tuple[str, int], ...], hrefs: tuple[tuple[str, str], ...] | None, title: str,
    unit: tuple[str, str],
) -> str:  # fmt: skip
    data = _load("states.json.gz")
    counts = dict(values)
    links = dict(hrefs) if hrefs is not None else None
    max_value = max(counts.values(), default=0)
    scale = color_scale(max_value)
    boxes = {box["code"]: box for box in data["insets"]}
    summary = _summary(counts, local_state_name, unit)
    parts = [_svg_open(data, title, summary, interactive=links is not None, kind="states")]
    parts.append('<g class="shapes" stroke="#fff" stroke-width=".75" stroke-linejoin="round">')
    for code, d in data["states"].items():
        value = counts.get(code, 0)
        label = f"{local_state_name(code)}: {_plural(value, unit)}"
        fill = scale.color(value)
        box = boxes.get(code)
        # An outline that contrasts with the box keeps the islands visible on it.
        outline = "#fff" if luminance(fill) < 0.18 else "#444"
        extra = f' stroke="{outline}" stroke-width=".6"' if box else ""
        shape = (
            f'<path d="{d}" fill="{fill}" data-state="{code}" data-value="{value}"{extra}>'
            f"<title>{escape(label)}</title></path>"
        )
        inner = (_inset_frame(box, fill if value > 0 else None) if box else "") + shape
        if links is not None and code in links:
            parts.append(f'<a href="{_attr(links[code])}" aria-label="{_attr(label)}">{inner}</a>')
        else:
            parts.append(f"<g>{inner}</g>" if box else inner)
    parts.append("</g>")
    parts.append(_legend(data, scale, unit[1].capitalize(), max_value))
    parts.append("</svg>")
    return "".join(parts)


def state_map_svg(
    values: Mapping[str, int],
    link: Callable[[str], str] | None = None,
    title: str = "Map of the United States",
    *,
    unit: tuple[str, str] = ("agreement", "agreements"),
) -> SafeString:
    """A map of every state, DC and territory keyed by postal code, shaded by `values`.

    Codes missing from `values` count as 0. `link(code)` gives each shape's href. `unit` is the
    (singular, plural) noun of the tooltips ("Texas: 312 agreements") and the legend."""
    codes = state_shapes().keys()
    key = tuple(sorted((c, int(v)) for c, v in values.items() if c in codes))
    hrefs = tuple((c, link(c)) for c in sorted(codes)) if link is not None else None
    return mark_safe(_state_map(key, hrefs, title, unit))


@lru_cache(maxsize=CACHE_SIZE)
def _county_map(values: tuple[tuple[str, int], ...], title: str, unit: tuple[str, str]) -> str:
    data = _load("counties.json.gz")
    counts = dict(values)
    max_value = max(counts.values(), default=0)
    scale = color_scale(max_value)
    names = {fips: name for fips, (name, _) in data["counties"].items()}
    summary = _summary(counts, lambda f: _county_label(f, names.get(f, f)), unit)
    parts = [_svg_open(data, title, summary, interactive=False, kind="counties")]
    parts.extend(_inset_frame(box, None) for box in data["insets"])
    # Hairline county borders stay hairlines on a phone because they do not scale with the map.
    parts.append('<g class="shapes" stroke="#fff" stroke-width=".4" vector-effect="non-scaling-stroke">')
    for fips, (name, d) in data["counties"].items():
        value = counts.get(fips, 0)
        # A county is placed through its agencies' FBI match or ICE's COUNTY column; where none places an
        # agreement there, none is known, which is not the same as none existing.
        count = _plural(value, unit) if value else f"no {unit[1]} known"
        label = f"{_county_label(fips, name)}: {count}"
        parts.append(
            f'<path d="{d}" fill="{scale.color(value)}" data-fips="{fips}" data-value="{value}">'
            f"<title>{escape(label)}</title></path>"
        )
    parts.append("</g>")
    parts.append(
        f'<path class="borders" d="{data["borders"]}" fill="none" stroke="#555" stroke-width=".8" '
        'stroke-linejoin="round" vector-effect="non-scaling-stroke" pointer-events="none"/>'
    )
    parts.append(_legend(data, scale, unit[1].capitalize(), max_value))
    parts.append("</svg>")
    return "".join(parts)


def _county_label(fips: str, name: str) -> str:
    state = CODE_BY_FIPS.get(fips[:2], "")
    return f"{name}, {state}" if state else name


def county_map_svg(
    values: Mapping[str, int],
    title: str = "Map of U.S. counties",
    *,
    unit: tuple[str, str] = ("agreement", "agreements"),
) -> SafeString:
    """A map of every county and county-equivalent keyed by 5-digit FIPS, shaded by `values`, with
    state borders drawn over. Territories (PR, VI, GU, MP, AS) are in labelled boxes."""
    key = tuple(sorted((f, int(v)) for f, v in values.items()))
    return mark_safe(_county_map(key, title, unit))


def clear_cache() -> None:
    """Forgets rendered maps (for tests, or after the shapes are rebuilt)."""
    _state_map.cache_clear()
    _county_map.cache_clear()
    _load.cache_clear()


def luminance(color: str) -> float:
    """Relative luminance of a #rrggbb colour (WCAG), for checking that darker means more."""

    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.03928 else math.pow((s + 0.055) / 1.055, 2.4)

    r, g, b = (int(color[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


__all__: Sequence[str] = [
    "Scale",
    "clear_cache",
    "color_scale",
    "county_map_svg",
    "county_shapes",
    "luminance",
    "state_map_svg",
    "state_shapes",
]
