"""Builds the pre-decoded map shapes that g287.portal.maps draws from.

    python scripts/build_map_shapes.py [--atlas DIR]

DIR is an unpacked us-atlas package (the folder holding states-albers-10m.json). Without --atlas the
script runs `npm pack us-atlas@3.0.1` in a temporary folder, so the only network it needs is the npm
registry. It writes src/g287/portal/data/states.json.gz and counties.json.gz.

The TopoJSON is decoded here, once, so that a request only concatenates strings. Arcs are simplified
one by one (Douglas-Peucker) before they are stitched into rings: two neighbours share each arc, so
they stay seamless however hard it is simplified.

Territories are not in the Albers USA files (the projection drops them). Their outlines come from the
unprojected states-10m.json / counties-10m.json and are fitted into labelled boxes in the Atlantic,
off the Carolinas, where the Albers frame is empty.
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
import math
import subprocess
import sys
import tarfile
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

ATLAS_VERSION = "3.0.1"
ROOT = Path(__file__).resolve().parents[1]
OUT_DIR = ROOT / "src" / "g287" / "portal" / "data"
sys.path.insert(0, str(ROOT / "src"))


from g287.core.states import CODE_BY_FIPS, NAME_BY_CODE  # noqa: E402

Point = tuple[float, float]
Ring = list[Point]

# The Albers USA frame of us-atlas is 975x610; the extra strip at the bottom holds the legend.
WIDTH = 975
MAP_HEIGHT = 610
HEIGHT = 690

# (code, x, y, w, h) of each territory box, in frame units. Labels sit above the boxes.
INSETS: list[tuple[str, float, float, float, float]] = [
    ("PR", 842, 432, 130, 52),
    ("VI", 842, 520, 62, 52),
    ("GU", 910, 520, 62, 52),
    ("MP", 842, 608, 62, 70),
    ("AS", 910, 608, 62, 70),
]
INSET_PAD = 5.0
# DC is a few units wide in the frame: too small to see or tap, so the state map repeats it enlarged.
DC_INSET: tuple[str, float, float, float, float] = ("DC", 884, 268, 40, 34)

# Simplification tolerance in frame units (1 unit is about 1/975 of the map's width).
STATE_TOLERANCE = 0.25
COUNTY_TOLERANCE = 0.35


# --- TopoJSON decoding -----------------------------------------------------------------------------


def decode_arcs(topology: dict[str, Any]) -> list[list[Point]]:
    """Undoes the delta encoding and the quantization of every arc."""
    transform = topology.get("transform")
    arcs: list[list[Point]] = []
    for arc in topology["arcs"]:
        points: list[Point] = []
        if transform:
            (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
            x = y = 0
            for dx, dy in arc:
                x += dx
                y += dy
                points.append((x * sx + tx, y * sy + ty))
        else:
            points = [(float(p[0]), float(p[1])) for p in arc]
        arcs.append(points)
    return arcs


def polygons(geometry: dict[str, Any]) -> list[list[list[int]]]:
    """The geometry's polygons, each a list of rings, each a list of arc indexes."""
    if geometry["type"] == "Polygon":
        return [geometry["arcs"]]
    if geometry["type"] == "MultiPolygon":
        return list(geometry["arcs"])
    return []


def stitch(ring: Sequence[int], arcs: Sequence[list[Point]]) -> Ring:
    """Joins a ring's arcs; a negative index (~i) means arc i reversed."""
    points: Ring = []
    for index in ring:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc if not points else arc[1:])
    return points


# --- simplification ----------------------------------------------------------------------------------


def _segment_distance(p: Point, a: Point, b: Point) -> float:
    dx, dy = b[0] - a[0], b[1] - a[1]
    if dx == 0 and dy == 0:
        return math.hypot(p[0] - a[0], p[1] - a[1])
    t = max(0.0, min(1.0, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / (dx * dx + dy * dy)))
    return math.hypot(p[0] - a[0] - t * dx, p[1] - a[1] - t * dy)


def simplify(points: list[Point], tolerance: float) -> list[Point]:
    """Douglas-Peucker, iterative (county arcs can be long). Keeps both ends, so shared arcs meet."""
    if len(points) < 3 or tolerance <= 0:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    closed = points[0] == points[-1]
    stack = [(0, len(points) - 1)]
    if closed:
        # A closed arc (an island) has no chord; split it at its farthest point from the start.
        far = max(range(1, len(points) - 1), key=lambda i: math.dist(points[0], points[i]))
        keep[far] = True
        stack = [(0, far), (far, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        best, index = 0.0, -1
        for i in range(first + 1, last):
            d = _segment_distance(points[i], points[first], points[last])
            if d > best:
                best, index = d, i
        if index >= 0 and best > tolerance:
            keep[index] = True
            stack.append((first, index))
            stack.append((index, last))
    return [p for p, k in zip(points, keep, strict=True) if k]


def ring_area(ring: Ring) -> float:
    return abs(sum(a[0] * b[1] - b[0] * a[1] for a, b in itertools.pairwise(ring))) / 2


# --- path data ---------------------------------------------------------------------------------------


def _num(tenths: int) -> str:
    text = f"{tenths / 10:.1f}".rstrip("0").rstrip(".")
    if text.startswith("0."):
        text = text[1:]
    elif text.startswith("-0."):
        text = "-" + text[2:]
    return text or "0"


def ring_path(ring: Ring) -> str:
    """One closed subpath, 0.1-unit precision, relative moves (short numbers compress well).

    Deltas come from rounded absolute positions so that rounding never accumulates along a ring."""
    grid = [(round(x * 10), round(y * 10)) for x, y in ring]
    out = [f"M{_num(grid[0][0])} {_num(grid[0][1])}".replace(" -", "-"), "l"]
    px, py = grid[0]
    numbers: list[str] = []
    for gx, gy in grid[1:]:
        if (gx, gy) == (px, py):
            continue
        numbers.extend((_num(gx - px), _num(gy - py)))
        px, py = gx, gy
    if len(numbers) < 4:
        return ""
    if (px, py) == grid[0]:
        numbers = numbers[:-2]  # "z" closes the ring
    text = numbers[0]
    for n in numbers[1:]:
        text += n if n.startswith("-") else " " + n
    return out[0] + out[1] + text + "z"


def feature_path(
    rings: Iterable[Ring], *, drop_below: float = 0.0, keep_one: bool = True
) -> tuple[str, tuple[float, float, float, float]]:
    """Path data for a feature's rings, and its bounding box. Rings with an area under drop_below
    square units are left out (specks at this scale), except that a feature always keeps its largest."""
    rings = [r for r in rings if len(r) >= 3]
    if not rings:
        return "", (0.0, 0.0, 0.0, 0.0)
    largest = max(rings, key=ring_area)
    kept = [r for r in rings if r is largest or ring_area(r) >= drop_below] if keep_one else rings
    xs = [p[0] for r in kept for p in r]
    ys = [p[1] for r in kept for p in r]
    return "".join(ring_path(r) for r in kept), (min(xs), min(ys), max(xs), max(ys))


# --- building ----------------------------------------------------------------------------------------


def albers_features(
    topology: dict[str, Any], object_name: str, tolerance: float, drop_below: float
) -> dict[str, tuple[str, str]]:
    """{id: (name, path)} of one object of a pre-projected file."""
    arcs = [simplify(a, tolerance) for a in decode_arcs(topology)]
    out: dict[str, tuple[str, str]] = {}
    for geometry in topology["objects"][object_name]["geometries"]:
        rings = [stitch(r, arcs) for polygon in polygons(geometry) for r in polygon]
        # The western Aleutians fall left of the frame (x < 0), where the viewBox would clip them.
        rings = [r for r in rings if max(p[0] for p in r) > 0]
        path, _ = feature_path(rings, drop_below=drop_below)
        out[geometry["id"]] = (geometry.get("properties", {}).get("name", ""), path)
    return out


def mesh_path(topology: dict[str, Any], object_name: str, tolerance: float) -> str:
    """Every arc used by the object once: borders drawn as one stroke, not twice."""
    arcs = decode_arcs(topology)
    used = sorted(
        {
            i if i >= 0 else ~i
            for g in topology["objects"][object_name]["geometries"]
            for p in polygons(g)
            for r in p
            for i in r
        }
    )
    parts = []
    for i in used:
        pts = simplify(arcs[i], tolerance)
        grid = [(round(x * 10), round(y * 10)) for x, y in pts]
        numbers: list[str] = []
        for (ax, ay), (bx, by) in itertools.pairwise(grid):
            if (ax, ay) != (bx, by):
                numbers.extend((_num(bx - ax), _num(by - ay)))
        if not numbers:
            continue
        text = numbers[0]
        for n in numbers[1:]:
            text += n if n.startswith("-") else " " + n
        parts.append(f"M{_num(grid[0][0])} {_num(grid[0][1])}".replace(" -", "-") + "l" + text)
    return "".join(parts)


def territory_rings(
    topology: dict[str, Any], state_fips: str, object_name: str
) -> dict[str, tuple[str, list[Ring]]]:
    """{id: (name, rings in lon/lat)} of the features of one territory in an unprojected file."""
    arcs = decode_arcs(topology)
    out: dict[str, tuple[str, list[Ring]]] = {}
    for geometry in topology["objects"][object_name]["geometries"]:
        if not geometry.get("id", "").startswith(state_fips):
            continue
        rings = [stitch(r, arcs) for polygon in polygons(geometry) for r in polygon]
        out[geometry["id"]] = (geometry.get("properties", {}).get("name", ""), rings)
    return out


def fit_into_box(
    features: dict[str, list[Ring]], box: tuple[float, float, float, float], *, projected: bool = False
) -> dict[str, list[Ring]]:
    """Scales shapes to fill the box, keeping proportions. Longitude/latitude are first projected
    equirectangularly at the shapes' mean latitude, which is true enough over a few degrees."""
    if projected:
        k, sign = 1.0, 1.0
    else:
        lats = [p[1] for rings in features.values() for r in rings for p in r]
        k, sign = math.cos(math.radians((min(lats) + max(lats)) / 2)), -1.0
    features = {f: [[(x * k, y * sign) for x, y in r] for r in rings] for f, rings in features.items()}
    xs = [p[0] for rings in features.values() for r in rings for p in r]
    ys = [p[1] for rings in features.values() for r in rings for p in r]
    x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
    bx, by, bw, bh = box
    bw, bh = bw - 2 * INSET_PAD, bh - 2 * INSET_PAD
    scale = min(bw / (x1 - x0), bh / (y1 - y0))
    ox = bx + INSET_PAD + (bw - (x1 - x0) * scale) / 2
    oy = by + INSET_PAD + (bh - (y1 - y0) * scale) / 2
    return {
        fid: [[(ox + (x - x0) * scale, oy + (y - y0) * scale) for x, y in r] for r in rings]
        for fid, rings in features.items()
    }


def build(atlas: Path) -> None:
    def load(name: str) -> dict[str, Any]:
        with (atlas / name).open(encoding="utf-8") as f:
            result: dict[str, Any] = json.load(f)
            return result

    states_albers = load("states-albers-10m.json")
    counties_albers = load("counties-albers-10m.json")
    states_world = load("states-10m.json")
    counties_world = load("counties-10m.json")
    insets = [{"code": c, "x": x, "y": y, "w": w, "h": h} for c, x, y, w, h in INSETS]
    dc_code, *dc_box = DC_INSET
    state_insets = [dict(zip(("code", "x", "y", "w", "h"), DC_INSET, strict=True)), *insets]

    # States: Alaska and Hawaii are already insets in the Albers USA frame.
    states: dict[str, str] = {}
    for fips, (_, path) in albers_features(states_albers, "states", STATE_TOLERANCE, 0.5).items():
        states[CODE_BY_FIPS[fips]] = path
    for code, x, y, w, h in INSETS:
        fips = next(f for f, c in CODE_BY_FIPS.items() if c == code)
        found = territory_rings(states_world, fips, "states")
        placed = fit_into_box({k: v[1] for k, v in found.items()}, (x, y, w, h))
        # Islands are small even when fitted, so they are not simplified and nothing is dropped.
        states[code] = feature_path(placed[fips], keep_one=False)[0]
    dc_rings = [
        stitch(r, decode_arcs(states_albers))
        for g in states_albers["objects"]["states"]["geometries"]
        if g["id"] == "11"
        for p in polygons(g)
        for r in p
    ]
    states[dc_code] += feature_path(
        fit_into_box({"11": dc_rings}, (dc_box[0], dc_box[1], dc_box[2], dc_box[3]), projected=True)["11"]
    )[0]
    missing = sorted(set(NAME_BY_CODE) - set(states))
    if missing:
        raise SystemExit(f"no shape for {missing}")

    # Counties, with the state borders drawn over them.
    counties: dict[str, list[str]] = {
        fips: [name, path]
        for fips, (name, path) in albers_features(counties_albers, "counties", COUNTY_TOLERANCE, 1.0).items()
    }
    borders = mesh_path(counties_albers, "states", COUNTY_TOLERANCE)
    for code, x, y, w, h in INSETS:
        fips = next(f for f, c in CODE_BY_FIPS.items() if c == code)
        found = territory_rings(counties_world, fips, "counties")
        placed = fit_into_box({k: v[1] for k, v in found.items()}, (x, y, w, h))
        for cid, rings in placed.items():
            counties[cid] = [found[cid][0], feature_path(rings, keep_one=False)[0]]
        outline = territory_rings(states_world, fips, "states")
        placed_outline = fit_into_box({k: v[1] for k, v in outline.items()}, (x, y, w, h))
        borders += feature_path(placed_outline[fips], keep_one=False)[0]

    meta = {
        "source": f"us-atlas {ATLAS_VERSION} (ISC), U.S. Census Bureau cartographic boundaries",
        "width": WIDTH,
        "height": HEIGHT,
        "map_height": MAP_HEIGHT,
        "insets": insets,
    }
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    write(
        OUT_DIR / "states.json.gz", {**meta, "insets": state_insets, "states": dict(sorted(states.items()))}
    )
    write(
        OUT_DIR / "counties.json.gz",
        {**meta, "counties": dict(sorted(counties.items())), "borders": borders},
    )


def write(path: Path, data: dict[str, Any]) -> None:
    raw = json.dumps(data, separators=(",", ":"), ensure_ascii=False).encode()
    # mtime=0 keeps the file byte-identical across rebuilds, so git sees no change when nothing did.
    with path.open("wb") as f, gzip.GzipFile(fileobj=f, mode="wb", compresslevel=9, mtime=0) as gz:
        gz.write(raw)
    print(f"{path.relative_to(ROOT)}: {len(raw):,} bytes, {path.stat().st_size:,} gzipped")


def fetch_atlas(workdir: Path) -> Path:
    subprocess.run(
        ["npm", "pack", f"us-atlas@{ATLAS_VERSION}", "--silent"], cwd=workdir, check=True, capture_output=True
    )
    with tarfile.open(workdir / f"us-atlas-{ATLAS_VERSION}.tgz") as tar:
        tar.extractall(workdir, filter="data")
    return workdir / "package"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--atlas", type=Path, help="an unpacked us-atlas package (default: npm pack it)")
    args = parser.parse_args()
    if args.atlas:
        build(args.atlas)
        return
    with tempfile.TemporaryDirectory() as tmp:
        build(fetch_atlas(Path(tmp)))


if __name__ == "__main__":
    main()
