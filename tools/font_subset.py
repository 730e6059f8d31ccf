#!/usr/bin/env python3
"""Cut the portal's two Chinese font subsets from Debian's WenQuanYi Micro Hei.

The page loads the base subset at start. It contains printable ASCII, common CJK and
full-width punctuation, and the 3,755 level-1 characters of GB 2312 (the most frequently used
Chinese characters). It also contains every non-ASCII character that appears in the product's
sources, assets and the reference backend's demo data, so no UI string and no demo record shows
a missing glyph.

The supplement contains every other CJK ideograph the font covers, for the rare characters in
people's and units' names: GB 2312 level 2, the rest of GBK's and GB 18030's CJK Unified
Ideographs, the few Extension A characters and the compatibility ideographs. The app loads it
only when a text needs one of them.
"""

import argparse
import pathlib
import subprocess
import sys
import tempfile

SOURCE_SUFFIXES = {".cpp", ".h", ".json", ".md", ".txt", ".tsv", ".py"}


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


def ideographs():
    """Yield every CJK ideograph code point that a name may use: Extension A, the Unified
    Ideographs, the compatibility ideographs, and Extensions B to F. pyftsubset drops the ones
    the font lacks. isSupplementIdeograph in src/core/font_coverage.cpp lists the same ranges."""
    ranges = [(0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x2EBEF)]
    for first, last in ranges:
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
    parser.add_argument("--supplement-output", help="supplement TTF to write (the ideographs "
                        "that the base subset lacks)")
    parser.add_argument("--scan", nargs="*", default=[], help="folders whose text is included")
    args = parser.parse_args()

    chars = set(punctuation()) | set(gb2312_level1()) | set(characters_in(args.scan))
    chars = {c for c in chars if c.isprintable() or c == "\u3000"}
    status = subset(args.font, chars, args.output)
    if status != 0 or not args.supplement_output:
        return status
    return subset(args.font, set(ideographs()) - chars, args.supplement_output)


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
