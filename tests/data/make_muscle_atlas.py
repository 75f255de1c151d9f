#!/usr/bin/env python3
"""Writes tests/data/muscle-atlas/ from the bundled meshes: the two gastrocnemius heads and
soleus, as a teacher's muscle-only mesh set would come: a LEFT leg (the bundled right leg
mirrored), in centimetres, in LPS axes (DICOM), the knee joint centre at (12.5, -3, 87) cm,
one .vtp (zlib), one binary .ply and one .vtp again. Run from the repository root:
    python3 tests/data/make_muscle_atlas.py
Standard library only. The manifest beside the meshes is written by hand (see README.md)."""
import struct
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "tests" / "data" / "muscle-atlas"
ORIGIN_CM = (12.5, -3.0, 87.0)


def read_vtp(path):
    """The bundled meshes: appended raw, zlib blocks, UInt32 headers, Float32 points, Int64
    connectivity and offsets (the model generator's format)."""
    data = path.read_bytes()
    head, raw = data.split(b'<AppendedData encoding="raw">', 1)
    raw = raw[raw.index(b"_") + 1:]
    text = head.decode()
    npoints = int(text.split('NumberOfPoints="')[1].split('"')[0])
    npolys = int(text.split('NumberOfPolys="')[1].split('"')[0])
    polys = text.split("<Polys>")[1]
    conn_off = int(polys.split('Name="connectivity"')[1].split('offset="')[1].split('"')[0])
    points_off = int(text.split('Name="Points"')[1].split('offset="')[1].split('"')[0])

    def block(offset):
        nblocks, _, _ = struct.unpack_from("<III", raw, offset)
        sizes = struct.unpack_from("<%dI" % nblocks, raw, offset + 12)
        at = offset + 12 + 4 * nblocks
        out = b""
        for size in sizes:
            out += zlib.decompress(raw[at:at + size])
            at += size
        return out

    pts = struct.unpack("<%df" % (3 * npoints), block(points_off))
    conn = struct.unpack("<%dq" % (3 * npolys), block(conn_off))
    points = [pts[i:i + 3] for i in range(0, len(pts), 3)]
    tris = [conn[i:i + 3] for i in range(0, len(conn), 3)]
    return points, tris


def to_file(p):
    # The left leg: the right one mirrored in x (Sura frame, mm). Then into the file frame:
    # LPS (file x = -Sura x, file y = -Sura y), centimetres, plus the origin.
    x, y, z = -p[0], p[1], p[2]
    return (-x / 10 + ORIGIN_CM[0], -y / 10 + ORIGIN_CM[1], z / 10 + ORIGIN_CM[2])


def transformed(path):
    points, tris = read_vtp(path)
    # Mirroring turned the triangles clockwise seen from outside; LPS is a rotation, so the
    # file keeps them as they must be read: swap two corners back.
    return [to_file(p) for p in points], [(a, c, b) for a, b, c in tris]


def write_vtp(path, points, tris):
    def compressed(payload):
        body = zlib.compress(payload, 9)
        return struct.pack("<IIII", 1, len(payload), len(payload), len(body)) + body

    pts = compressed(struct.pack("<%df" % (3 * len(points)), *[c for p in points for c in p]))
    conn = compressed(struct.pack("<%dq" % (3 * len(tris)), *[i for t in tris for i in t]))
    offs = compressed(struct.pack("<%dq" % len(tris), *[3 * (i + 1) for i in range(len(tris))]))
    xml = (
        '<?xml version="1.0"?>\n'
        '<VTKFile type="PolyData" version="1.0" byte_order="LittleEndian" header_type="UInt32" '
        'compressor="vtkZLibDataCompressor">\n'
        '  <PolyData>\n'
        '    <Piece NumberOfPoints="%d" NumberOfVerts="0" NumberOfLines="0" NumberOfStrips="0" '
        'NumberOfPolys="%d">\n'
        '      <Points>\n'
        '        <DataArray type="Float32" Name="Points" NumberOfComponents="3" '
        'format="appended" offset="0"/>\n'
        '      </Points>\n'
        '      <Polys>\n'
        '        <DataArray type="Int64" Name="connectivity" format="appended" offset="%d"/>\n'
        '        <DataArray type="Int64" Name="offsets" format="appended" offset="%d"/>\n'
        '      </Polys>\n'
        '    </Piece>\n'
        '  </PolyData>\n'
        '  <AppendedData encoding="raw">\n   _' % (
            len(points), len(tris), len(pts), len(pts) + len(conn)))
    path.write_bytes(xml.encode() + pts + conn + offs + b"\n  </AppendedData>\n</VTKFile>\n")


def write_ply(path, points, tris):
    header = ("ply\nformat binary_little_endian 1.0\ncomment a left gastrocnemius head, cm, LPS\n"
              "element vertex %d\nproperty float x\nproperty float y\nproperty float z\n"
              "element face %d\nproperty list uchar int vertex_indices\nend_header\n"
              % (len(points), len(tris)))
    body = b"".join(struct.pack("<fff", *p) for p in points)
    body += b"".join(struct.pack("<Biii", 3, *t) for t in tris)
    path.write_bytes(header.encode() + body)


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    meshes = ROOT / "meshes"
    write_vtp(OUT / "gastrocnemius_medial_head.vtp",
              *transformed(meshes / "gastrocnemius_medial_head.vtp"))
    write_ply(OUT / "gastrocnemius_lateral_head.ply",
              *transformed(meshes / "gastrocnemius_lateral_head.vtp"))
    write_vtp(OUT / "soleus.vtp", *transformed(meshes / "soleus.vtp"))


if __name__ == "__main__":
    main()
