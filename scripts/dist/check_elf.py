#!/usr/bin/env python3
"""Checks a release binary's ELF facts: machine, glibc floor, stripped, static.

    check_elf.py --arch x86_64|aarch64 [--glibc 2.17 | --static] [--stripped] FILE...

A FILE may be a shared library, an executable, or a wheel / jar / tarball (zip or tar.gz), whose
ELF members are all checked. Prints one line per ELF file; exits 1 on the first broken rule.
Needs pyelftools (installed with auditwheel in the dist tools venv).
"""

from __future__ import annotations

import argparse
import io
import re
import sys
import tarfile
import zipfile
from collections.abc import Iterator
from typing import IO

from elftools.elf.dynamic import DynamicSection
from elftools.elf.elffile import ELFFile
from elftools.elf.gnuversions import GNUVerNeedSection

MACHINES = {"x86_64": "EM_X86_64", "aarch64": "EM_AARCH64"}


def version_tuple(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split("."))


def elf_members(path: str) -> Iterator[tuple[str, IO[bytes]]]:
    """(name, stream) for the file itself or each ELF member of an archive."""
    with open(path, "rb") as f:
        head = f.read(4)
    if head == b"\x7fELF":
        yield path, open(path, "rb")
    elif zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            for info in archive.infolist():
                data = archive.read(info)
                if data[:4] == b"\x7fELF":
                    yield f"{path}!{info.filename}", io.BytesIO(data)
    elif tarfile.is_tarfile(path):
        with tarfile.open(path) as archive:
            for member in archive.getmembers():
                extracted = archive.extractfile(member) if member.isfile() else None
                if extracted is None:
                    continue
                data = extracted.read()
                if data[:4] == b"\x7fELF":
                    yield f"{path}!{member.name}", io.BytesIO(data)
    else:
        raise SystemExit(f"{path}: neither ELF nor an archive")


def check(name: str, stream: IO[bytes], args: argparse.Namespace) -> list[str]:
    elf = ELFFile(stream)
    problems = []
    machine = elf["e_machine"]
    if machine != MACHINES[args.arch]:
        problems.append(f"machine {machine}, expected {MACHINES[args.arch]}")

    glibc: set[str] = set()
    for section in elf.iter_sections():
        if isinstance(section, GNUVerNeedSection):
            for _, auxiliaries in section.iter_versions():
                for aux in auxiliaries:
                    match = re.fullmatch(r"GLIBC_([0-9.]+)", aux.name)
                    if match:
                        glibc.add(match.group(1))
    floor = max(glibc, key=version_tuple) if glibc else None

    needed = []
    for section in elf.iter_sections():
        if isinstance(section, DynamicSection):
            needed = [tag.needed for tag in section.iter_tags() if tag.entry.d_tag == "DT_NEEDED"]
    interp = any(segment["p_type"] == "PT_INTERP" for segment in elf.iter_segments())
    symtab = elf.get_section_by_name(".symtab") is not None
    debug = any(s.name.startswith(".debug_") for s in elf.iter_sections())

    if args.glibc and floor and version_tuple(floor) > version_tuple(args.glibc):
        problems.append(f"needs GLIBC_{floor} (floor must be <= {args.glibc})")
    if args.static and (needed or interp):
        problems.append(f"not static: interpreter={interp}, needs {needed}")
    if args.stripped and (symtab or debug):
        problems.append("not stripped (.symtab or .debug_* present)")

    facts = f"{args.arch}, " + (
        "static" if not needed and not interp else f"glibc floor {floor or 'none'}"
    )
    facts += ", stripped" if not (symtab or debug) else ", symbols"
    print(f"{'ok  ' if not problems else 'FAIL'} {name}: {facts}" + "".join(f"; {p}" for p in problems))
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--arch", choices=sorted(MACHINES), required=True)
    floor = parser.add_mutually_exclusive_group()
    floor.add_argument("--glibc", help="highest GLIBC_x.y symbol version allowed, e.g. 2.17")
    floor.add_argument("--static", action="store_true", help="no interpreter, no DT_NEEDED")
    parser.add_argument("--stripped", action="store_true", help="no .symtab, no debug info")
    parser.add_argument("files", nargs="+")
    args = parser.parse_args()

    failed = False
    for path in args.files:
        found = False
        for name, stream in elf_members(path):
            found = True
            failed |= bool(check(name, stream, args))
        if not found:
            print(f"FAIL {path}: no ELF file inside")
            failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
