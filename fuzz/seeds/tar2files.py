#!/usr/bin/env python3
"""Write a tar (plain or gzip) as the input format of the images and gomod fuzz targets: files cut
at `\\n--8<--\\n`, each `PATH\\nCONTENT`, or `PATH -> TARGET` for a symbolic link (folders left
out). Usage: tar2files.py ARCHIVE OUT [PREFIX]"""
import sys
import tarfile

src, out = sys.argv[1], sys.argv[2]
prefix = sys.argv[3] if len(sys.argv) > 3 else ""
parts = []
with tarfile.open(src) as t:
    for m in t.getmembers():
        name = (prefix + m.name).encode()
        if m.issym():
            parts.append(name + b" -> " + m.linkname.encode())
        elif m.islnk():
            parts.append(name + b"\n" + t.extractfile(t.getmember(m.linkname)).read())
        elif m.isfile():
            parts.append(name + b"\n" + t.extractfile(m).read())
with open(out, "wb") as f:
    f.write(b"\n--8<--\n".join(parts))
