#!/usr/bin/env python3
"""Byte edits of real gpg signatures for the hostile corpus (tests/corpus/make.sh). Each edit
works on a file in place:

  hashed-len SIG N          v4 signature: the hashed subpacket area's length set to N
  mpi-bits SIG N            the first signature MPI's bit count set to N (the bytes unchanged)
  mpi-replace SIG BITS      the first signature MPI replaced by one of BITS bits, all ones, the
                            packet length fixed (a well-formed, oversized MPI)
  truncate SIG K            the last K bytes cut (the packet's length then overruns the file)
  issuer SIG OLDFPR NEWFPR  every copy of the issuer's fingerprint and key ID replaced
  armor-body ASC            one base64 character of the armored body changed (CRC left as is)
  armor-crc ASC             the armor's CRC24 line changed (the body intact)
  dash-prefix ASC NAME      cleartext: the list line of NAME given a `- ` dash-escape prefix
  dash-insert ASC LINE      cleartext: LINE inserted as the last line of the signed text
  trailing-blanks ASC NAME  cleartext: blanks and a tab appended to the list line of NAME
"""
import sys


def packet(data):
    """(header length, body) of the one binary packet in `data`, old or new format."""
    b0 = data[0]
    assert b0 & 0x80, "not an OpenPGP packet"
    if b0 & 0x40:
        l0 = data[1]
        if l0 < 192:
            return 2, data[2 : 2 + l0]
        if l0 < 224:
            n = ((l0 - 192) << 8) + data[2] + 192
            return 3, data[3 : 3 + n]
        assert l0 == 255
        n = int.from_bytes(data[2:6], "big")
        return 6, data[6 : 6 + n]
    lt = b0 & 3
    hl = {0: 2, 1: 3, 2: 5}[lt]
    n = int.from_bytes(data[1:hl], "big")
    return hl, data[hl : hl + n]


def mpi_offset(body):
    """Offset of the first signature MPI in a v4 signature body."""
    assert body[0] == 4, "a v4 signature is expected"
    hashed = int.from_bytes(body[4:6], "big")
    at = 6 + hashed
    unhashed = int.from_bytes(body[at : at + 2], "big")
    return at + 2 + unhashed + 2


def main():
    op, path = sys.argv[1], sys.argv[2]
    args = sys.argv[3:]
    data = bytearray(open(path, "rb").read())
    if op == "hashed-len":
        hl, _ = packet(data)
        data[hl + 4 : hl + 6] = int(args[0]).to_bytes(2, "big")
    elif op == "mpi-bits":
        hl, body = packet(data)
        m = hl + mpi_offset(body)
        data[m : m + 2] = int(args[0]).to_bytes(2, "big")
    elif op == "mpi-replace":
        hl, body = packet(data)
        m = mpi_offset(body)
        bits = int(args[0])
        old_len = 2 + (int.from_bytes(body[m : m + 2], "big") + 7) // 8
        mpi = bits.to_bytes(2, "big") + b"\xff" * ((bits + 7) // 8)
        body = body[:m] + mpi + body[m + old_len :]
        # Old format, tag 2, four-octet length.
        data = bytearray([0x80 | (2 << 2) | 2]) + len(body).to_bytes(4, "big") + body
    elif op == "truncate":
        data = data[: -int(args[0])]
    elif op == "issuer":
        old, new = bytes.fromhex(args[0]), bytes.fromhex(args[1])
        assert data.count(old) >= 1, "the issuer fingerprint is not in the signature"
        data = data.replace(old, new).replace(old[-8:], new[-8:])
    elif op in ("armor-body", "armor-crc"):
        lines = data.decode().split("\n")
        begin = next(i for i, l in enumerate(lines) if l.startswith("-----BEGIN PGP SIGNATURE"))
        blank = next(i for i in range(begin, len(lines)) if lines[i].strip() == "")
        crc = next(i for i in range(blank, len(lines)) if lines[i].startswith("="))
        if op == "armor-crc":
            line = lines[crc]
            lines[crc] = line[:2] + ("A" if line[2] != "A" else "B") + line[3:]
        else:
            body = list(range(blank + 1, crc))
            i = body[max(0, len(body) - 2)]
            line = lines[i]
            lines[i] = line[:10] + ("A" if line[10] != "A" else "B") + line[11:]
        data = "\n".join(lines).encode()
    elif op in ("dash-prefix", "dash-insert", "trailing-blanks"):
        lines = data.decode().split("\n")
        sig = next(i for i, l in enumerate(lines) if l.startswith("-----BEGIN PGP SIGNATURE"))
        if op == "dash-insert":
            lines.insert(sig, args[0])
        else:
            i = next(i for i in range(sig) if lines[i].endswith("  " + args[0]))
            lines[i] = "- " + lines[i] if op == "dash-prefix" else lines[i] + "  \t "
        data = "\n".join(lines).encode()
    else:
        sys.exit(f"pgpedit.py: unknown edit {op}")
    open(path, "wb").write(bytes(data))


main()
