"""Write static/world.json, the map's country outlines, from world-atlas's countries-110m.json.

world-atlas (npm, ISC licence) is Natural Earth's 1:110m Admin 0 countries (public domain) as
TopoJSON. This turns it into SVG path data on an equirectangular projection (x = lon + 180,
y = 90 - lat, one decimal), so the page draws the map with no library and nothing fetched:

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python -m rasad.serve.make_world package/countries-110m.json
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

OUT = Path(__file__).parent / "static" / "world.json"
SKIP = {"Antarctica"}  # no news events there, and it takes a fifth of the map's height


def decode_arcs(topology: dict[str, Any]) -> list[list[tuple[float, float]]]:
    """Arcs in degrees: TopoJSON stores them quantized and delta-encoded."""
    (scale_x, scale_y), (shift_x, shift_y) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * scale_x + shift_x, y * scale_y + shift_y))
        arcs.append(points)
    return arcs


def ring_points(ring: list[int], arcs: list[list[tuple[float, float]]]) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for index in ring:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc[1:] if points else arc)  # consecutive arcs share their joining point
    return points


def path_data(polygons: list[list[list[int]]], arcs: list[list[tuple[float, float]]]) -> str:
    commands = []
    for polygon in polygons:
        for ring in polygon:
            previous = None
            parts = []
            shift = 0.0
            last_lon = None
            for lon, lat in ring_points(ring, arcs):
                # A ring that crosses the antimeridian jumps by 360 degrees: keep it continuous (the
                # part past the edge is clipped) instead of drawing a line across the whole map.
                if last_lon is not None and abs(lon + shift - last_lon) > 180:
                    shift += 360 if last_lon > lon + shift else -360
                last_lon = lon + shift
                lon += shift
                point = (round(lon + 180, 1), round(90 - lat, 1))
                if point != previous:
                    parts.append(f"{point[0]:g},{point[1]:g}")
                    previous = point
            if len(parts) >= 3:
                commands.append("M" + "L".join(parts) + "Z")
    return "".join(commands)


def build(topology: dict[str, Any]) -> dict[str, Any]:
    arcs = decode_arcs(topology)
    countries = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        name = (geometry.get("properties") or {}).get("name", "")
        if name in SKIP or geometry.get("type") not in ("Polygon", "MultiPolygon"):
            continue
        polygons = [geometry["arcs"]] if geometry["type"] == "Polygon" else geometry["arcs"]
        countries.append({"name": name, "d": path_data(polygons, arcs)})
    countries.sort(key=lambda country: country["name"])
    return {"source": "Natural Earth 1:110m Admin 0 countries (public domain), via world-atlas 2.0.2 (ISC)",
            "projection": "equirectangular: x = longitude + 180, y = 90 - latitude",
            "viewBox": [0, 0, 360, 150], "countries": countries}


def main() -> None:
    topology = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
    OUT.write_text(json.dumps(build(topology), ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {OUT} ({OUT.stat().st_size // 1024} kB)")


if __name__ == "__main__":
    main()
