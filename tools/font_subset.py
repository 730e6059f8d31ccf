#!/usr/bin/env python3
"""Cut the portal's two Chinese font subsets from Debian's WenQuanYi Micro Hei.

The page loads the base subset at start. It contains printable ASCII, common CJK and
full-width punctuation, and the 3,755 level-1 characters of GB 2312 (the most frequently used
Chinese characters). It also contains every non-ASCII character that appears in the product's
sources, assets and the reference backend's demo data, so no UI string and no demo record shows
a missing glyph.

The supplement contains every other CJK ideograph the font covers, for the rare characters in
people's and units' names. These are GB 2312 level 2, the rest of GBK's and GB 18030's CJK
Unified Ideographs, the few Extension A characters and the compatibility ideographs. It is cut into
chunks by code point (see SUPPLEMENT_CHUNK_WIDTH), written as portal-sc-supplement-NN.ttf, and
the app loads a chunk only when a text needs one of its characters. Every chunk is written, even
one for which the font has no glyph, so the app can derive a chunk's file from a code point
alone. A manifest, portal-sc-supplement.json, lists the chunks with their ranges and sizes for
tests and deployment checks; the app does not read it.
"""

import argparse
import gzip
import json
import pathlib
import subprocess
import sys
import tempfile

SOURCE_SUFFIXES = {".cpp", ".h", ".json", ".md", ".txt", ".tsv", ".py"}

# The supplement's chunks. The CJK Unified Ideographs U+4E00 to U+9FFF are cut into slices of
# SUPPLEMENT_CHUNK_WIDTH code points, chunks 0 to 20, and the last slice (from U+9E00) is half as
# wide. Extension A, the compatibility ideographs and Extensions B to F, which the font barely
# covers, share the last chunk (21). With WenQuanYi Micro Hei each chunk is at most 119 KB gzip.
# supplementChunkOf in src/core/font_coverage.cpp computes the same index, and the two
# definitions must match.
UNIFIED_IDEOGRAPHS = (0x4E00, 0x9FFF)
OTHER_IDEOGRAPHS = [(0x3400, 0x4DBF), (0xF900, 0xFAFF), (0x20000, 0x2EBEF)]
SUPPLEMENT_CHUNK_WIDTH = 0x400
UNIFIED_CHUNK_COUNT = -(-(UNIFIED_IDEOGRAPHS[1] - UNIFIED_IDEOGRAPHS[0] + 1)
                        // SUPPLEMENT_CHUNK_WIDTH)
SUPPLEMENT_CHUNK_COUNT = UNIFIED_CHUNK_COUNT + 1
SUPPLEMENT_NAME = "portal-sc-supplement"


def gb2312_level1():
    """Yield the GB 2312 level-1 characters (rows 16 to 55 of the code table)."""
    for row in range(0xB0, 0xD8):
        for cell in range(0xA1, 0xFF):
            try:
                yield bytes([row, cell]).decode("gb2312")
            except UnicodeDecodeError:
                continue


def punctuation():
    ranges = [(0x20, 0x7E), (0x3000, 0x303F), (0xFF01, 0xFF5E), (0x2010, 0x2027),
              (0x2030, 0x203B), (0x00B7, 0x00B7), (0x00D7, 0x00D7), (0x2190, 0x2193),
              (0x25A0, 0x25CF), (0x2460, 0x2473)]
    for first, last in ranges:
        for code in range(first, last + 1):
            yield chr(code)


def chunk_ranges(chunk):
    """Return the code point ranges (first, last) of supplement chunk `chunk`."""
    if chunk == UNIFIED_CHUNK_COUNT:
        return OTHER_IDEOGRAPHS
    first = UNIFIED_IDEOGRAPHS[0] + chunk * SUPPLEMENT_CHUNK_WIDTH
    return [(first, min(first + SUPPLEMENT_CHUNK_WIDTH - 1, UNIFIED_IDEOGRAPHS[1]))]


def chunk_characters(chunk):
    """Yield every code point of chunk `chunk`. pyftsubset drops the ones the font lacks."""
    for first, last in chunk_ranges(chunk):
        for code in range(first, last + 1):
            yield chr(code)


def characters_in(folders):
    for folder in folders:
        for path in sorted(pathlib.Path(folder).rglob("*")):
            if path.suffix not in SOURCE_SUFFIXES or not path.is_file():
                continue
            text = path.read_text(encoding="utf-8", errors="ignore")
            yield from (c for c in text if ord(c) > 0x7E)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--font", required=True, help="source TTF/TTC file")
    parser.add_argument("--output", required=True, help="base subset TTF to write")
    parser.add_argument("--supplement-folder", help="folder to write the supplement's chunk "
                        "files and manifest to (the ideographs that the base subset lacks)")
    parser.add_argument("--scan", nargs="*", default=[], help="folders whose text is included")
    args = parser.parse_args()

    chars = set(punctuation()) | set(gb2312_level1()) | set(characters_in(args.scan))
    chars = {c for c in chars if c.isprintable() or c == "\u3000"}
    status = subset(args.font, chars, args.output)
    if status != 0 or not args.supplement_folder:
        return status
    return write_supplement(args.font, chars, pathlib.Path(args.supplement_folder))


def write_supplement(font, base_chars, folder):
    """Write the supplement's chunk files and their manifest to `folder`. Return 0, or the
    status of the first pyftsubset run that failed."""
    chunks = []
    for chunk in range(SUPPLEMENT_CHUNK_COUNT):
        output = folder / f"{SUPPLEMENT_NAME}-{chunk:02d}.ttf"
        status = subset(font, set(chunk_characters(chunk)) - base_chars, output)
        if status != 0:
            return status
        chunks.append(chunk_entry(chunk, output))
    manifest = {"chunkWidth": SUPPLEMENT_CHUNK_WIDTH, "chunks": chunks}
    (folder / f"{SUPPLEMENT_NAME}.json").write_text(json.dumps(manifest, indent=1) + "\n",
                                                    encoding="utf-8")
    total = sum(entry["gzipBytes"] for entry in chunks)
    print(f"font supplement: {len(chunks)} chunks, {total} bytes gzip in all")
    return 0


def chunk_entry(chunk, path):
    """Describe one written chunk for the manifest: file, ranges and sizes."""
    data = path.read_bytes()
    return {
        "file": f"fonts/{path.name}",
        "ranges": [[f"U+{first:04X}", f"U+{last:04X}"] for first, last in chunk_ranges(chunk)],
        "bytes": len(data),
        "gzipBytes": len(gzip.compress(data, compresslevel=9, mtime=0)),
    }


def subset(font, chars, output):
    """Write the glyphs of `chars` that `font` has to `output`; return pyftsubset's status."""
    pathlib.Path(output).parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", suffix=".txt") as text_file:
        text_file.write("".join(sorted(chars)))
        text_file.flush()
        result = run_pyftsubset(font, text_file.name, output)
    if result.returncode != 0:
        sys.stderr.write(result.stderr)
        return result.returncode
    print(f"font subset: {len(chars)} requested characters -> {output}")
    return 0


def run_pyftsubset(font, text_file, output):
    command = [
        "pyftsubset", font, "--font-number=0", f"--text-file={text_file}",
        f"--output-file={output}", "--layout-features=", "--no-hinting",
        "--desubroutinize", "--name-IDs=1,2,3,4,6", "--drop-tables+=DSIG,GSUB,GPOS,GDEF",
    ]
    return subprocess.run(command, capture_output=True, text=True)


if __name__ == "__main__":
    sys.exit(main())
