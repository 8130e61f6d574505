#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Regenerates fixtures/{valid,invalid,edge_cases}/ with dcmtk (made with 3.6.7) from the dump
# texts in tools/fixtures-src/ and pixel data computed here. Deterministic: UIDs are fixed,
# pixels come from formulas, and no tool is asked to stamp the date. fixtures/README.md says
# what each file covers; keep it in step when adding one here.
#
# Usage: bash tools/make-fixtures.sh
set -euo pipefail
export LC_ALL=C

root=$(cd "$(dirname "$0")/.." && pwd)
src="$root/tools/fixtures-src"
out="$root/fixtures"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

for tool in dump2dcm dcmconv dcmcrle dcmcjpeg dcmcjpls dcmj2pnm img2dcm dcmodify; do
    command -v "$tool" >/dev/null || { echo "Error: dcmtk tool $tool not found" >&2; exit 2; }
done
mkdir -p "$out/valid" "$out/invalid" "$out/edge_cases"
rm -f "$out"/valid/*.dcm "$out"/invalid/*.dcm "$out"/edge_cases/*.dcm
cd "$work"

# --- pixel data -------------------------------------------------------------------------------

# Prints the bytes whose escapes (\xHH...) awk writes for the program given.
bytes() { printf '%b' "$(awk "BEGIN { $1 }")"; }

# 8x8 16-bit little-endian words, 12 bits used: v = (i * 61) mod 4096.
bytes 'for (i = 0; i < 64; i++) { v = (i * 61) % 4096;
       printf "\\x%02x\\x%02x", v % 256, int(v / 256) }' > ct-8x8.raw
# Twelve 8x8 8-bit frames: frame f, pixel i = (16 f + 3 i) mod 256.
bytes 'for (f = 0; f < 12; f++) for (i = 0; i < 64; i++) printf "\\x%02x", (16 * f + 3 * i) % 256' \
    > frames-8x8x12.raw
# 8x8 RGB triplets.
bytes 'for (i = 0; i < 64; i++) printf "\\x%02x\\x%02x\\x%02x", (i * 4) % 256, (i * 29) % 256,
       255 - (i * 4) % 256' > rgb-8x8.raw
# 64x64 16-bit values from a linear congruential generator (seed 1).
bytes 's = 1; for (i = 0; i < 4096; i++) { s = (s * 1103515245 + 12345) % 2147483648;
       v = int(s / 32768) % 65536; printf "\\x%02x\\x%02x", v % 256, int(v / 256) }' \
    > noise-64x64.raw
# The RGB image as an 8x8 24-bit BMP (bottom-up rows, BGR), the input img2dcm takes.
{
    printf 'BM\xf6\x00\x00\x00\x00\x00\x00\x00\x36\x00\x00\x00'
    printf '\x28\x00\x00\x00\x08\x00\x00\x00\x08\x00\x00\x00\x01\x00\x18\x00'
    printf '\x00\x00\x00\x00\xc0\x00\x00\x00\x13\x0b\x00\x00\x13\x0b\x00\x00'
    printf '\x00\x00\x00\x00\x00\x00\x00\x00'
    bytes 'for (i = 0; i < 64; i++) printf "\\x%02x\\x%02x\\x%02x", 255 - (i * 4) % 256,
           (i * 29) % 256, (i * 4) % 256'
} > rgb-8x8.bmp

# --- byte surgery for the malformed and odd files ----------------------------------------------

# Byte offset of the first match of a grep -P byte pattern in a file.
offset_of() { grep -obUaP "$2" "$1" | head -1 | cut -d: -f1; }
# Overwrites bytes at an offset with the printf escapes given.
patch() { printf "$3" | dd of="$1" bs=1 seek="$2" conv=notrunc status=none; }
# Removes one byte at an offset.
cut_byte() { { head -c "$2" "$1"; tail -c +"$(($2 + 2))" "$1"; } > "$1.tmp"; mv "$1.tmp" "$1"; }
# Offset of the first data set byte after the file meta information (PS3.10 §7.1).
dataset_start() { echo $((144 + $(od -An -tu4 -j 140 -N4 "$1" | tr -d ' '))); }
# Makes the explicit VR element with this tag pattern (short header) one byte shorter: its
# length drops by one and the last byte of its value (the padding) goes.
strip_padding() {
    local file=$1 pattern=$2 at len
    at=$(offset_of "$file" "$pattern")
    len=$(od -An -tu2 -j $((at + 6)) -N2 "$file" | tr -d ' ')
    patch "$file" $((at + 6)) "$(printf '\\x%02x\\x%02x' $(((len - 1) % 256)) $(((len - 1) / 256)))"
    cut_byte "$file" $((at + 8 + len - 1))
}

# --- valid/ -----------------------------------------------------------------------------------
v="$out/valid"
dump2dcm +te "$src/ct.dump" "$v/explicit-vr-le.dcm"
dcmconv +ti "$v/explicit-vr-le.dcm" "$v/implicit-vr-le.dcm"
dcmconv +tb "$v/explicit-vr-le.dcm" "$v/explicit-vr-be.dcm"
dcmconv +td "$v/explicit-vr-le.dcm" "$v/deflated.dcm"
dcmcrle "$v/explicit-vr-le.dcm" "$v/rle-lossless.dcm"
dcmcjpeg +e1 "$v/explicit-vr-le.dcm" "$v/jpeg-lossless-sv1.dcm"
dcmcjpls +el "$v/explicit-vr-le.dcm" "$v/jpeg-ls-lossless.dcm"

dump2dcm +te "$src/rgb.dump" rgb.dcm
dcmcjpeg +eb +un rgb.dcm "$v/jpeg-baseline.dcm"
dump2dcm +te "$src/noise.dump" noise.dcm
dcmcjpeg +el +fs 1 -ot noise.dcm "$v/jpeg-lossless-fragments-no-offset-table.dcm"

dump2dcm +te "$src/multiframe.dump" "$v/multiframe-native.dcm"
dcmcrle +ot "$v/multiframe-native.dcm" "$v/multiframe-rle-offset-table.dcm"
dcmcjpls -ot "$v/multiframe-native.dcm" "$v/multiframe-jpeg-ls-no-offset-table.dcm"
dcmcjpeg +eb +un +ot "$v/multiframe-native.dcm" "$v/multiframe-jpeg-baseline-offset-table.dcm"

dump2dcm +te +e "$src/sequences.dump" "$v/sequences-explicit-length.dcm"
dump2dcm +te -e "$src/sequences.dump" "$v/sequences-undefined-length.dcm"
dcmconv +ti -e "$v/sequences-explicit-length.dcm" "$v/sequences-implicit-undefined-length.dcm"
dcmconv +tb -e "$v/sequences-explicit-length.dcm" "$v/sequences-big-endian-undefined-length.dcm"
dcmconv +td -e "$v/sequences-explicit-length.dcm" "$v/sequences-deflated.dcm"

dump2dcm +te "$src/private-tags.dump" "$v/private-tags-explicit.dcm"
dcmconv +ti "$v/private-tags-explicit.dcm" "$v/private-tags-implicit.dcm"
dump2dcm +te "$src/all-vrs.dump" "$v/all-vrs-explicit.dcm"
dcmconv +tb "$v/all-vrs-explicit.dcm" "$v/all-vrs-big-endian.dcm"

img2dcm -i BMP rgb-8x8.bmp "$v/img2dcm-bmp.dcm" -k "StudyInstanceUID=2.25.15001" \
    -k "SeriesInstanceUID=2.25.15002" -k "SOPInstanceUID=2.25.15003"
dcmodify -nb -m "(0010,0010)=Bitmap^Import" -m "(0010,0020)=PID-BMP" "$v/img2dcm-bmp.dcm"
dcmj2pnm +oj rgb.dcm rgb-8x8.jpg
img2dcm -i JPEG rgb-8x8.jpg "$v/img2dcm-jpeg.dcm" -k "StudyInstanceUID=2.25.15004" \
    -k "SeriesInstanceUID=2.25.15005" -k "SOPInstanceUID=2.25.15006"
dcmodify -nb -m "(0010,0010)=Jpeg^Import" -i "(0008,0020)=20240115" "$v/img2dcm-jpeg.dcm"

# Character sets (PS3.5 §6.1, Annexes H to K). name|(0008,0005)|iconv target or "raw"|text
# ("raw" text is printf escapes of the bytes, as in the standard's examples). Rows may pass 100
# columns: each is one record of data.
n=14000
while IFS='|' read -r name terms encoding text; do
    n=$((n + 1))
    uid="2.25.$n"
    if [ "$encoding" = raw ]; then value=$(printf "$text"); else
        value=$(printf '%s' "$text" | iconv -f UTF-8 -t "$encoding"); fi
    {
        cat "$src/charset.dump"
        printf '(0008,0005) CS [%s]\n(0008,0018) UI [%s]\n' "$terms" "$uid"
        printf '(0010,0010) PN [%s]\n(0008,1030) LO [%s]\n' "$value" "$value"
    } > "$name.dump"
    dump2dcm +te "$name.dump" "$v/$name.dcm"
done <<'EOF'
charset-latin1|ISO_IR 100|ISO-8859-1|Buc^Jérôme
charset-utf8|ISO_IR 192|UTF-8|Wang^XiaoDong=王^小东=
charset-gb18030|GB18030|GB18030|Wang^XiaoDong=王^小东=
charset-cyrillic|ISO_IR 144|ISO-8859-5|Иванов^Пётр
charset-greek|ISO_IR 126|ISO-8859-7|Παπαδόπουλος^Γιώργος
charset-japanese-ir13|ISO_IR 13|SHIFT_JIS|ﾔﾏﾀﾞ^ﾀﾛｳ
charset-japanese-ir87|\ISO 2022 IR 87|raw|Yamada^Tarou=\x1b$B;3ED\x1b(B^\x1b$BB@O:\x1b(B=\x1b$B$d$^$@\x1b(B^\x1b$B$?$m$&\x1b(B
charset-japanese-ir13-ir87|ISO 2022 IR 13\ISO 2022 IR 87|raw|\xd4\xcf\xc0\xde^\xc0\xdb\xb3=\x1b$B;3ED\x1b(J^\x1b$BB@O:\x1b(J=\x1b$B$d$^$@\x1b(J^\x1b$B$?$m$&\x1b(J
charset-korean-ir149|\ISO 2022 IR 149|raw|Hong^Gildong=\x1b$)C\xfb\xf3^\x1b$)C\xd1\xce\xd4\xd7=\x1b$)C\xc8\xab^\x1b$)C\xb1\xe6\xb5\xbf
charset-chinese-ir58|\ISO 2022 IR 58|raw|Zhang^XiaoDong=\x1b$)A\xd5\xc5^\x1b$)A\xd0\xa1\xb6\xab=
EOF

# --- edge_cases/ ------------------------------------------------------------------------------
e="$out/edge_cases"
dcmconv +ti -F "$v/explicit-vr-le.dcm" "$e/dataset-only-implicit-vr.dcm"
dcmconv +te -F "$v/explicit-vr-le.dcm" "$e/dataset-only-explicit-vr.dcm"
tail -c +133 "$v/explicit-vr-le.dcm" > "$e/no-preamble.dcm"
dcmconv +g "$v/sequences-explicit-length.dcm" "$e/group-lengths.dcm"
dcmconv +p 256 0 "$v/explicit-vr-le.dcm" "$e/trailing-padding.dcm"
dump2dcm +te "$src/zero-length.dump" "$e/zero-length-values.dcm"
dcmconv +ti "$e/zero-length-values.dcm" "$e/zero-length-values-implicit.dcm"
dump2dcm +te "$src/bits-1.dump" "$e/one-bit-pixels.dcm"
dump2dcm +te "$src/float-pixels.dump" "$e/float-pixel-data.dcm"
dump2dcm +te "$src/after-pixel-data.dump" "$e/elements-after-pixel-data.dcm"
{ grep -v '\] # LATIN1$' "$src/charset-nested.dump"
  grep '\] # LATIN1$' "$src/charset-nested.dump" | iconv -f UTF-8 -t ISO-8859-1; } > nested.dump
dump2dcm +te nested.dump "$e/charset-changes-in-item.dcm"
printf '(0008,0016) UI =SecondaryCaptureImageStorage\n(0008,0018) UI [2.25.16001]\n' > meta.dump
dump2dcm +te meta.dump meta.dcm
head -c "$(dataset_start meta.dcm)" meta.dcm > "$e/empty-dataset.dcm"

dump2dcm +te "$src/odd-length.dump" "$e/odd-length-values.dcm"
f="$e/odd-length-values.dcm"
strip_padding "$f" '\x10\x00\x00\x40LT'
strip_padding "$f" '\x10\x00\x20\x00LO'
strip_padding "$f" '\x08\x00\x18\x00UI'

# --- invalid/ ---------------------------------------------------------------------------------
i="$out/invalid"
: > "$i/empty.dcm"
printf 'This is not a DICOM file, only text with no structure at all.\n%.0s' 1 2 3 4 5 \
    > "$i/garbage.dcm"
head -c 132 "$v/explicit-vr-le.dcm" > "$i/preamble-only.dcm"
head -c 170 "$v/explicit-vr-le.dcm" > "$i/truncated-in-meta.dcm"
f="$v/explicit-vr-le.dcm"
head -c $(($(offset_of "$f" '\x10\x00\x10\x00PN') + 11)) "$f" > "$i/truncated-in-dataset.dcm"
head -c $(($(stat -c %s "$v/explicit-vr-le.dcm") - 20)) "$v/explicit-vr-le.dcm" \
    > "$i/truncated-in-pixel-data.dcm"
head -c $(($(stat -c %s "$v/sequences-undefined-length.dcm") - 24)) \
    "$v/sequences-undefined-length.dcm" > "$i/truncated-in-sequence.dcm"

# A long-header OB element declaring 0xFFFFFFF0 bytes: 4 bytes after "OB\0\0".
cp "$v/explicit-vr-le.dcm" "$i/huge-length-explicit-vr.dcm"
f="$i/huge-length-explicit-vr.dcm"
patch "$f" $(($(offset_of "$f" '\xe0\x7f\x10\x00OW') + 8)) '\xf0\xff\xff\xff'
# Patient's Name in implicit VR declaring 0x7FFFFFF0 bytes.
cp "$v/implicit-vr-le.dcm" "$i/huge-length-implicit-vr.dcm"
f="$i/huge-length-implicit-vr.dcm"
patch "$f" $(($(offset_of "$f" '\x10\x00\x10\x00\x08\x00\x00\x00Doe') + 4)) '\xf0\xff\xff\x7f'
# A sequence declaring far more bytes than its items and the file hold.
cp "$v/sequences-explicit-length.dcm" "$i/huge-sequence-length.dcm"
f="$i/huge-sequence-length.dcm"
patch "$f" $(($(offset_of "$f" '\x08\x00\x15\x11SQ\x00\x00') + 8)) '\x00\x00\x00\x10'
# An item tag replaced by an ordinary tag inside an undefined-length sequence.
cp "$v/sequences-undefined-length.dcm" "$i/bad-item-tag.dcm"
f="$i/bad-item-tag.dcm"
patch "$f" $(($(offset_of "$f" '\x08\x00\x15\x11SQ\x00\x00') + 12)) '\x10\x00\x10\x00'
# A deflated file whose compressed stream is overwritten with text after the meta.
cp "$v/deflated.dcm" "$i/deflated-corrupt.dcm"
f="$i/deflated-corrupt.dcm"
patch "$f" $(($(dataset_start "$f") + 16)) 'not deflate data at all'
# File meta information whose group length runs past the end of the file.
cp "$v/explicit-vr-le.dcm" "$i/meta-group-length-too-long.dcm"
f="$i/meta-group-length-too-long.dcm"
patch "$f" $(($(offset_of "$f" 'DICM\x02\x00\x00\x00UL') + 12)) '\x00\x00\x10\x00'
head -c 400 "$f" > "$f.tmp" && mv "$f.tmp" "$f"

echo "fixtures written to $out:"
du -sh "$out"; find "$out" -name '*.dcm' | wc -l
