#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Generates the PS3.6 data dictionary resources of dicomite.dicom from Debian packages.

Inputs:
  - dcmtk's public dictionary dicom.dic (package libdcmtk17): tags, repeating groups, VRs, VMs,
    keywords and the retired flag. Its private, "illegal" and generic entries are left out:
    ElementDictionary handles group lengths and private elements by rule.
  - dcmtk's dcuid.h (package libdcmtk-dev): the set of well-known UIDs of PS3.6 Annex A.
  - pydicom's tables (package python3-pydicom) for the PS3.6 attribute and UID names, which
    dcmtk keeps only as keywords and macro names. Whatever pydicom lacks gets a name made from
    the keyword or macro name split into words.

Outputs (committed, so the build does not need these packages):
  src/dicomite/dicom/elements.tsv   tag, VRs, VM, keyword, name, retired
  src/dicomite/dicom/uids.tsv       UID, name

To rerun, from the repository root, as root:
  apt-get install -y libdcmtk17 libdcmtk-dev python3-pydicom
  /usr/bin/python3 tools/gen-dictionary.py
Paths can be overridden with DCMTK_DICT=/path/dicom.dic and DCMTK_UID_HEADER=/path/dcuid.h.
"""

import glob
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT_DIR = os.path.join(ROOT, "src", "dicomite", "dicom")
STANDARD_UID_ROOT = "1.2.840.10008."

# dcmtk's pseudo VRs (dcmtk dcvr.h) mapped to the VRs PS3.6 allows. OW comes first where OB or
# OW is allowed because Implicit VR Little Endian encodes those elements as OW (PS3.5 §A.1).
PSEUDO_VRS = {
    "xs": ["US", "SS"],
    "ox": ["OW", "OB"],
    "px": ["OW", "OB"],
    "lt": ["US", "SS", "OW"],
    "up": ["UL"],
}
# dcmtk's own entries that are rules, not PS3.6 attributes, plus the item delimiters (no VR).
SKIPPED_VERSIONS = {"PRIVATE", "ILLEGAL", "GENERIC"}


def fail(message):
    sys.exit("gen-dictionary: " + message)


def locate(env_name, pattern, package):
    path = os.environ.get(env_name)
    if path:
        return path
    found = sorted(glob.glob(pattern))
    if not found:
        fail(f"{pattern} not found; install {package} or set {env_name}")
    return found[-1]


def load_pydicom():
    try:
        from pydicom import __version__
        from pydicom._dicom_dict import DicomDictionary, RepeatersDictionary
        from pydicom._uid_dict import UID_dictionary
    except ImportError:
        fail("pydicom not found; run with /usr/bin/python3 after installing python3-pydicom")
    by_keyword = {}
    for vr, vm, name, retired, keyword in list(DicomDictionary.values()) + list(
            RepeatersDictionary.values()):
        if keyword:
            by_keyword[keyword] = (vr, name)
    uid_names = {uid: row[0] for uid, row in UID_dictionary.items() if row[0]}
    return __version__, by_keyword, uid_names


def words_of(identifier):
    """PatientID -> Patient ID; MPEG4HighProfile -> MPEG4 High Profile."""
    text = identifier.replace("_", " ")
    text = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", text)
    text = re.sub(r"(?<=[A-Z])(?=[A-Z][a-z])", " ", text)
    return re.sub(r"\s+", " ", text).strip()


def tag_pattern(field, line_number):
    """'6000-60FF' -> '60xx'; '0010' -> '0010'. Ranges must span whole hex digits."""
    if "-" not in field:
        return field.upper()
    parts = field.upper().split("-")
    if len(parts) != 2:
        fail(f"dicom.dic line {line_number}: unsupported range '{field}'")
    low, high = parts
    pattern = ""
    for lo_digit, hi_digit in zip(low, high):
        if lo_digit == hi_digit and "x" not in pattern:
            pattern += lo_digit
        elif lo_digit == "0" and hi_digit == "F":
            pattern += "x"
        else:
            fail(f"dicom.dic line {line_number}: range '{field}' is not a digit mask")
    return pattern


def element_vrs(vr, keyword, pydicom_names):
    if vr == "na":
        return None
    if vr not in PSEUDO_VRS:
        return [vr]
    pydicom_vr = pydicom_names.get(keyword, ("", ""))[0]
    if " or " in pydicom_vr:
        vrs = pydicom_vr.split(" or ")
        return sorted(vrs, key=lambda v: v != "OW") if "OB" in vrs else vrs
    return PSEUDO_VRS[vr]


def read_elements(path, pydicom_names):
    rows = []
    for number, line in enumerate(open(path, encoding="utf-8"), 1):
        if line.startswith("#") or not line.strip():
            continue
        fields = line.rstrip("\n").split("\t")
        if len(fields) != 5:
            fail(f"{path} line {number}: expected 5 tab-separated fields: {line!r}")
        tag, vr, keyword, vm, version = fields
        if version in SKIPPED_VERSIONS:
            continue
        retired = keyword.startswith("RETIRED_")
        keyword = keyword.removeprefix("RETIRED_")
        vrs = element_vrs(vr, keyword, pydicom_names)
        if vrs is None:
            continue
        group, element = tag.strip("()").split(",")
        pattern = tag_pattern(group, number) + tag_pattern(element, number)
        name = pydicom_names.get(keyword, ("", words_of(keyword)))[1]
        rows.append((pattern, " or ".join(vrs), vm, keyword, name, "R" if retired else ""))
    return sorted(rows, key=lambda row: row[0].replace("x", "0"))


def check_unique(rows, column, what):
    seen = set()
    for row in rows:
        if row[column] in seen:
            fail(f"duplicate {what} '{row[column]}'")
        seen.add(row[column])


def read_uids(path, uid_names):
    """UID -> name for the PS3.6 Annex A UIDs that dcuid.h defines, then those only pydicom has."""
    names = {}
    previous = ""
    for line in open(path, encoding="utf-8"):
        match = re.match(r'#define\s+UID_(\w+)\s+"([0-9.]+)"', line)
        if match and match.group(2).startswith(STANDARD_UID_ROOT) and \
                not match.group(2).endswith("."):
            uid = match.group(2)
            names[uid] = uid_names.get(uid) or uid_name_from_header(match.group(1), previous)
        previous = line.strip()
    for uid, name in uid_names.items():
        if uid.startswith(STANDARD_UID_ROOT):
            names.setdefault(uid, name)
    return sorted(names.items(), key=lambda item: [int(n) for n in item[0].split(".")])


def uid_name_from_header(macro, previous_line):
    if previous_line.startswith("/// "):
        return previous_line[4:].removesuffix(" - RETIRED").strip()
    macro = re.sub(r"^(RETIRED|DRAFT)_", "", macro)
    return words_of(macro)


def write_tsv(path, header_lines, rows):
    with open(path, "w", encoding="utf-8", newline="\n") as out:
        for line in header_lines:
            out.write(("# " + line).rstrip() + "\n")
        for row in rows:
            if any("\t" in cell or "\n" in cell for cell in row):
                fail(f"cell with a tab or newline in {row!r}")
            out.write("\t".join(row) + "\n")


def edition_of(dict_path):
    for line in open(dict_path, encoding="utf-8"):
        match = re.search(r"Generated automatically from (DICOM PS ?3\.6-\S+)", line)
        if match:
            return match.group(1)
    return "unknown edition"


def main():
    dict_path = locate("DCMTK_DICT", "/usr/share/libdcmtk*/dicom.dic", "libdcmtk17")
    uid_path = locate("DCMTK_UID_HEADER", "/usr/include/dcmtk/dcmdata/dcuid.h", "libdcmtk-dev")
    pydicom_version, pydicom_names, uid_names = load_pydicom()
    elements = read_elements(dict_path, pydicom_names)
    check_unique(elements, 0, "tag")
    check_unique(elements, 3, "keyword")
    uids = read_uids(uid_path, uid_names)
    edition = edition_of(dict_path)
    source = [f"Generated by tools/gen-dictionary.py from dcmtk's dicom.dic ({edition})",
              f"and dcuid.h, names from pydicom {pydicom_version}.",
              "Do not edit: rerun the generator."]
    write_tsv(os.path.join(OUT_DIR, "elements.tsv"), [
        "PS3.6 data dictionary.", *source,
        "Columns (tab-separated): tag as 8 hex digits, where x marks a digit of a repeating",
        "group or element range (60xx0010); VRs joined by ' or ', the one Implicit VR uses",
        "first; VM; keyword; name; R when retired.",
    ], elements)
    write_tsv(os.path.join(OUT_DIR, "uids.tsv"), [
        "PS3.6 Annex A well-known UIDs.", *source,
        "Columns (tab-separated): UID; name.",
    ], uids)
    print(f"wrote {len(elements)} elements and {len(uids)} UIDs to {OUT_DIR}")


if __name__ == "__main__":
    main()
