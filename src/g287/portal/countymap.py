"""One state's counties as an SVG map, cropped to the state: the national county map is ~700 KB and
shows a small state as a few pixels, so a state page draws only its own counties from the same
pre-decoded us-atlas shapes (maps.county_shapes) and the same colour scale as the national maps."""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from html import escape

from django.utils.safestring import SafeString, mark_safe

from g287.core.states import FIPS_BY_CODE
from g287.portal.maps import FONT, NEUTRAL, color_scale, county_shapes

_TOKEN = re.compile(r"[MmLlHhVvZz]|-?(?:\d+(?:\.\d*)?|\.\d+)(?:e-?\d+)?")
PAD = 4.0


def path_bounds(d: str) -> tuple[float, float, float, float]:
    """(min x, min y, max x, max y) of SVG path data made of M/m, L/l, H/h, V/v and Z/z commands, the
    only ones the shapes use (d3-geo writes relative moves after the first point)."""
    xs: list[float] = []
    ys: list[float] = []
    x = y = start_x = start_y = 0.0
    command = "M"
    numbers: list[float] = []

    def flush() -> None:
        nonlocal x, y, start_x, start_y, command
        if command in "Hh":
            for n in numbers:
                x = n if command == "H" else x + n
                xs.append(x)
                ys.append(y)
        elif command in "Vv":
            for n in numbers:
                y = n if command == "V" else y + n
                xs.append(x)
                ys.append(y)
        else:
            for i in range(0, len(numbers) - 1, 2):
                dx, dy = numbers[i], numbers[i + 1]
                x, y = (dx, dy) if command in "ML" else (x + dx, y + dy)
                if i == 0 and command in "Mm":
                    start_x, start_y = x, y
                xs.append(x)
                ys.append(y)
        numbers.clear()

    for token in _TOKEN.findall(d):
        if token.isalpha():
            flush()
            command = token
            if command in "Zz":
                x, y = start_x, start_y
        else:
            numbers.append(float(token))
    flush()
    return (min(xs), min(ys), max(xs), max(ys)) if xs else (0.0, 0.0, 0.0, 0.0)


@lru_cache(maxsize=64)
def _state_map(code: str, values: tuple[tuple[str, int], ...], title: str, unit: tuple[str, str]) -> str:
    prefix = FIPS_BY_CODE.get(code, "--")
    shapes = {f: shape for f, shape in county_shapes().items() if f.startswith(prefix)}
    counts = dict(values)
    max_value = max(counts.values(), default=0)
    scale = color_scale(max_value)
    if not shapes:
        return ""
    bounds = [path_bounds(d) for _, d in shapes.values()]
    x0, y0 = min(b[0] for b in bounds) - PAD, min(b[1] for b in bounds) - PAD
    x1, y1 = max(b[2] for b in bounds) + PAD, max(b[3] for b in bounds) + PAD
    width, height = x1 - x0, y1 - y0
    # The legend sits under the map at a size relative to the map, whatever the state's size.
    font = max(width, height) / 28
    legend_h = font * 2.4
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="g287-map g287-map-state-counties" '
        f'viewBox="{x0:g} {y0:g} {width:g} {height + legend_h:g}" width="100%" role="img" '
        f'aria-label="{escape(title, quote=True)}" '
        f'font-family="{escape(FONT, quote=True)}"><title>{escape(title)}</title>',
        '<g class="shapes" stroke="#fff" stroke-width=".8" vector-effect="non-scaling-stroke">',
    ]
    for fips, (name, d) in sorted(shapes.items()):
        value = counts.get(fips, 0)
        label = f"{name}: {value:,} {unit[0] if value == 1 else unit[1]}"
        parts.append(
            f'<path d="{d}" fill="{scale.color(value)}" data-fips="{fips}" data-value="{value}" '
            f'vector-effect="non-scaling-stroke"><title>{escape(label)}</title></path>'
        )
    parts.append("</g>")
    parts.append(_legend(scale.thresholds, scale.colors, x0 + PAD, y1 + font * 0.4, font, unit[1]))
    parts.append("</svg>")
    return "".join(parts)


def _legend(
    thresholds: tuple[int, ...], colors: tuple[str, ...], x: float, y: float, font: float, caption: str
) -> str:
    size = font
    parts = [f'<g class="legend" aria-hidden="true" font-size="{font:g}" fill="#222">']
    steps = [(0, NEUTRAL), *zip(thresholds, colors, strict=True)]
    for i, (t, c) in enumerate(steps):
        left = x + i * size * 3
        parts.append(f'<rect x="{left:g}" y="{y:g}" width="{size:g}" height="{size:g}" fill="{c}" stroke="#999" '
                     f'stroke-width=".5" vector-effect="non-scaling-stroke"/>')  # fmt: skip
        label = f"{t:,}+" if i == len(steps) - 1 and t else f"{t:,}"
        parts.append(f'<text x="{left + size * 1.2:g}" y="{y + size * 0.85:g}">{label}</text>')
    left = x + len(steps) * size * 3
    parts.append(f'<text x="{left:g}" y="{y + size * 0.85:g}">{escape(caption)}</text></g>')
    return "".join(parts)


def state_county_map_svg(
    code: str,
    values: Mapping[str, int],
    title: str,
    *,
    unit: tuple[str, str] = ("agreement", "agreements"),
) -> SafeString:
    """The counties of state `code` shaded by `values` (5-digit FIPS -> count); '' for a code without
    county shapes."""
    key = tuple(sorted((f, int(v)) for f, v in values.items()))
    return mark_safe(_state_map(code, key, title, unit))
