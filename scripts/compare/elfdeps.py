"""Read DT_NEEDED entries of an ELF file (stdlib only) to tell whether a
binary was built against libgomp (GCC) or libomp (Clang)."""
import struct

SHT_DYNAMIC = 6
SHT_DYNSYM = 11
DT_NEEDED = 1
DT_RPATH = 15
DT_RUNPATH = 29


def _read_elf(path):
    """(data, endian, sections) of an ELF64 file, or None."""
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError:
        return None
    if len(data) < 64 or data[:4] != b"\x7fELF" or data[4] != 2:
        return None
    end = "<" if data[5] == 1 else ">"
    shoff, = struct.unpack_from(end + "Q", data, 0x28)
    shentsize, shnum = struct.unpack_from(end + "HH", data, 0x3A)
    sections = []
    for i in range(shnum):
        off = shoff + i * shentsize
        if off + 64 > len(data):
            return None
        _name, sh_type, _flags, _addr, sh_offset, sh_size, sh_link = \
            struct.unpack_from(end + "IIQQQQI", data, off)
        sections.append((sh_type, sh_offset, sh_size, sh_link))
    return data, end, sections


def _cstr(data, start):
    return data[start:data.index(b"\0", start)].decode("utf-8", "replace")


def defined_dynamic_symbols(path):
    """Names the shared object exports (defined .dynsym entries), or None."""
    elf = _read_elf(path)
    if elf is None:
        return None
    data, end, sections = elf
    names = set()
    for sh_type, off, size, link in sections:
        if sh_type != SHT_DYNSYM or link >= len(sections):
            continue
        str_off = sections[link][1]
        for pos in range(off, off + size, 24):
            st_name, _info, _other, shndx = struct.unpack_from(end + "IBBH", data, pos)
            if st_name and shndx != 0:
                names.add(_cstr(data, str_off + st_name).split("@")[0])
    return names


def dynamic_strings(path, tags):
    """Values of the string-valued dynamic entries with the given tags, or
    None if the file is not a readable ELF64."""
    elf = _read_elf(path)
    if elf is None:
        return None
    data, end, sections = elf
    values = []
    for sh_type, off, size, link in sections:
        if sh_type != SHT_DYNAMIC or link >= len(sections):
            continue
        str_off = sections[link][1]
        for pos in range(off, off + size, 16):
            tag, val = struct.unpack_from(end + "qQ", data, pos)
            if tag == 0:
                break
            if tag in tags:
                values.append(_cstr(data, str_off + val))
    return values


def needed_libraries(path):
    """Return the list of DT_NEEDED names, or None if not a readable ELF64."""
    return dynamic_strings(path, (DT_NEEDED,))


def search_paths(path):
    """Directories from DT_RPATH / DT_RUNPATH ($ORIGIN expanded)."""
    import os
    dirs = []
    origin = os.path.dirname(os.path.abspath(path))
    for value in dynamic_strings(path, (DT_RPATH, DT_RUNPATH)) or []:
        for d in value.split(":"):
            if d:
                dirs.append(d.replace("$ORIGIN", origin).replace("${ORIGIN}", origin))
    return dirs


def openmp_flavour(path):
    """'llvm' if linked against libomp/libiomp5, 'gnu' if against libgomp,
    'unknown' otherwise (static binaries, scripts)."""
    libs = needed_libraries(path) or []
    if any(l.startswith(("libomp.so", "libiomp5.so")) for l in libs):
        return "llvm"
    if any(l.startswith("libgomp.so") for l in libs):
        return "gnu"
    return "unknown"
