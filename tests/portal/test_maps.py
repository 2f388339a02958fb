"""The server-drawn SVG maps: one shape per state and county, links, shading, valid markup."""

from __future__ import annotations

import gzip
import itertools
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from g287.core.states import FIPS_BY_CODE, NAME_BY_CODE
from g287.portal import maps

SVG = "{http://www.w3.org/2000/svg}"
STATIC = Path(maps.__file__).resolve().parent / "static" / "vendor"


def parse(svg: str) -> ET.Element:
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    return root


def shapes(root: ET.Element, attr: str) -> dict[str, ET.Element]:
    found = [e for e in root.iter(f"{SVG}path") if attr in e.attrib]
    out = {e.attrib[attr]: e for e in found}
    assert len(out) == len(found), f"duplicate {attr}"
    return out


def parent_map(root: ET.Element) -> dict[ET.Element, ET.Element]:
    return {child: parent for parent in root.iter() for child in parent}


def tooltip(path: ET.Element) -> str:
    title = path.find(f"{SVG}title")
    assert title is not None and title.text
    return title.text


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    maps.clear_cache()


def test_one_shape_per_state_code_including_territories() -> None:
    root = parse(maps.state_map_svg({}, None, "States"))
    states = shapes(root, "data-state")
    assert set(states) == set(NAME_BY_CODE)
    for code in ("GU", "MP", "DC", "PR", "VI", "AS", "AK", "HI"):
        assert states[code].attrib["d"].startswith("M"), code
    # Every shape is non-empty path data.
    assert all(len(p.attrib["d"]) > 20 for p in states.values())


def test_tooltips_name_the_state_and_count() -> None:
    root = parse(maps.state_map_svg({"TX": 312, "GU": 1}, None, "States"))
    states = shapes(root, "data-state")
    assert tooltip(states["TX"]) == "Texas: 312 agreements"
    assert tooltip(states["GU"]) == "Guam: 1 agreement"
    assert tooltip(states["VT"]) == "Vermont: 0 agreements"
    assert states["TX"].attrib["data-value"] == "312"


def test_links_present_when_asked() -> None:
    svg = maps.state_map_svg({"TX": 3}, lambda code: f"/states/{code}/?a=1&b=2", "States")
    root = parse(svg)
    parents = parent_map(root)
    states = shapes(root, "data-state")
    for code, path in states.items():
        link = parents[path]
        assert link.tag == f"{SVG}a", code
        assert link.attrib["href"] == f"/states/{code}/?a=1&b=2"
        assert link.attrib["aria-label"].startswith(NAME_BY_CODE[code])
    # Territory boxes are inside the link, so the whole box can be tapped.
    assert parents[states["GU"]].find(f"{SVG}rect") is not None


def test_no_links_without_link_function() -> None:
    root = parse(maps.state_map_svg({"TX": 3}, None, "States"))
    assert not list(root.iter(f"{SVG}a"))
    assert root.attrib["role"] == "img"


def test_zero_is_neutral_and_shading_is_monotonic() -> None:
    values = {code: i * 7 for i, code in enumerate(sorted(NAME_BY_CODE))}
    root = parse(maps.state_map_svg(values, None, "States"))
    states = shapes(root, "data-state")
    fills = {code: p.attrib["fill"] for code, p in states.items()}
    zero = next(c for c, v in values.items() if v == 0)
    assert fills[zero] == maps.NEUTRAL
    ordered = sorted(values, key=values.__getitem__)
    lum = [maps.luminance(fills[c]) for c in ordered]
    assert all(a >= b for a, b in itertools.pairwise(lum)), "more must never be lighter"
    assert len(set(fills.values())) >= 6


@pytest.mark.parametrize("max_value", [1, 2, 5, 8, 9, 30, 312, 999, 5000, 10**6, 10**9])
def test_scale_is_monotonic_for_any_range(max_value: int) -> None:
    scale = maps.color_scale(max_value)
    assert 1 <= len(scale.thresholds) <= len(maps.PALETTE)
    assert list(scale.thresholds) == sorted(set(scale.thresholds))
    samples = sorted({1, 2, 3, max_value // 3, max_value // 2, max_value} - {0})
    lum = [maps.luminance(scale.color(v)) for v in samples]
    assert all(a >= b for a, b in itertools.pairwise(lum))
    assert scale.color(max_value) == maps.PALETTE[-1]
    assert scale.color(0) == maps.NEUTRAL


def test_legend_and_accessibility() -> None:
    svg = maps.state_map_svg({"TX": 312, "CA": 4}, lambda c: f"/s/{c}", "Agreements <by> state")
    root = parse(svg)
    assert root.attrib["viewBox"].startswith("0 0 ")
    assert root.attrib["width"] == "100%"
    assert root.attrib["aria-label"] == "Agreements <by> state"
    assert root.attrib["role"] == "group"  # links inside stay reachable by screen readers
    legend = root.find(f"{SVG}g[@class='legend']")
    assert legend is not None
    labels = [t.text for t in legend.iter(f"{SVG}text")]
    assert labels[0] == "Agreements"
    assert "0" in labels and "1" in labels and "312" in labels
    desc = root.find(f"{SVG}desc")
    assert desc is not None and desc.text and "Texas 312" in desc.text


def test_unit_and_unknown_codes() -> None:
    root = parse(maps.state_map_svg({"TX": 1, "ZZ": 5}, None, "t", unit=("agency", "agencies")))
    states = shapes(root, "data-state")
    assert "ZZ" not in states
    assert tooltip(states["TX"]) == "Texas: 1 agency"
    assert states["TX"].attrib["fill"] == maps.PALETTE[-1]


def test_rendered_svg_is_cached_per_input() -> None:
    a = maps.state_map_svg({"TX": 1}, lambda c: f"/s/{c}", "t")
    b = maps.state_map_svg({"TX": 1}, lambda c: f"/s/{c}", "t")  # a new lambda, same hrefs
    assert a is not b and a == b
    info = maps._state_map.cache_info()
    assert info.hits == 1 and info.misses == 1
    assert maps.state_map_svg({"TX": 2}, None, "t") != a


def test_county_map() -> None:
    values = {"48201": 3, "06037": 1, "66010": 2, "72127": 0}
    root = parse(maps.county_map_svg(values, "Counties"))
    counties = shapes(root, "data-fips")
    assert len(counties) >= 3000
    assert all(re.fullmatch(r"\d{5}", f) for f in counties)
    state_fips = set(FIPS_BY_CODE.values())
    assert all(f[:2] in state_fips for f in counties)
    assert tooltip(counties["48201"]) == "Harris, TX: 3 agreements"
    assert tooltip(counties["66010"]) == "Guam, GU: 2 agreements"
    assert counties["06037"].attrib["fill"] != maps.NEUTRAL
    assert counties["72127"].attrib["fill"] == maps.NEUTRAL
    # A county no agreement is placed in: none known (its agencies may be unplaced), not "0 agreements".
    assert tooltip(counties["72127"]) == "San Juan, PR: no agreements known"
    assert maps.luminance(counties["48201"].attrib["fill"]) < maps.luminance(counties["06037"].attrib["fill"])
    borders = root.find(f"{SVG}path[@class='borders']")
    assert borders is not None and len(borders.attrib["d"]) > 1000
    # The borders are drawn over the counties.
    children = list(root)
    assert children.index(borders) > max(i for i, c in enumerate(children) if c.get("class") == "shapes")
    assert root.attrib["role"] == "img"


def test_shipped_shapes_are_small_and_complete() -> None:
    states = maps.DATA_DIR / "states.json.gz"
    counties = maps.DATA_DIR / "counties.json.gz"
    assert states.stat().st_size < 200_000
    assert counties.stat().st_size < 1_500_000
    assert set(maps.state_shapes()) == set(NAME_BY_CODE)
    assert len(maps.county_shapes()) >= 3000
    with gzip.open(states, "rt", encoding="utf-8") as f:
        assert "us-atlas" in f.read(2000)


def test_vendored_chart_js_keeps_its_license_header() -> None:
    head = (STATIC / "chart.umd.min.js").read_text(encoding="utf-8")[:200]
    assert "Chart.js v4" in head and "MIT License" in head
    assert "chart.umd.min.js" in (STATIC / "README.md").read_text(encoding="utf-8")
