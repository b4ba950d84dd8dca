#!/usr/bin/env python3
"""Generate qanode's PS3.6 data dictionary and UID registry from Debian-packaged sources.

Sources (both Debian packages, read as text, never imported; standard library only):

* dcmtk's ``dicom.dic`` (package libdcmtk17, ``/usr/share/libdcmtk*/dicom.dic``): the
  element list, tags and repeating-group ranges, VRs, VMs and the retired flag. It is the
  primary source: every element written comes from it.
* pydicom's ``_dicom_dict.py`` and ``_uid_dict.py`` (package python3-pydicom): dcmtk keeps
  only keywords, so the element *names* come from pydicom, as do the PS3.6 spellings of
  dcmtk's pseudo-VRs ("US or SS", "OB or OW", ...), the PS3.6 masks dcmtk flattens to a
  single tag ((0028,04x0), (1000,xxx0), (1010,xxxx)), and the whole UID registry (PS3.6
  Annex A), since dcmtk's dcuid.h is only in libdcmtk-dev.

Outputs (relative to --out, the project root):

* src/main/resources/org/qanode/dicom/dictionary.tsv
* src/main/resources/org/qanode/dicom/uids.tsv
* src/main/java/org/qanode/dicom/Tags.java
* src/main/java/org/qanode/dicom/UIDs.java

``--check`` writes nothing and exits 1 if a committed output differs from what would be
generated (stale or hand-edited), 3 if a source is missing, 0 if all are current.
"""

import argparse
import ast
import difflib
import glob
import importlib.util
import os
import re
import sys

GENERATOR = "src/build/gen_dictionary.py"
DICTIONARY_TSV = "src/main/resources/org/qanode/dicom/dictionary.tsv"
UIDS_TSV = "src/main/resources/org/qanode/dicom/uids.tsv"
TAGS_JAVA = "src/main/java/org/qanode/dicom/Tags.java"
UIDS_JAVA = "src/main/java/org/qanode/dicom/UIDs.java"

EXIT_STALE = 1
EXIT_SOURCE_MISSING = 3

# dcmtk's internal pseudo-VRs (dcmdata/dcvr.h) and the PS3.6 VR lists they stand for. Only
# used when pydicom has no entry with the same keyword to give the PS3.6 text itself.
PSEUDO_VRS = {
    "xs": "US|SS",     # signed or unsigned short, depends on Pixel Representation
    "ox": "OB|OW",     # overlay/waveform/curve data: OB or OW
    "px": "OB|OW",     # Pixel Data: OB or OW (PS3.5 8.2)
    "lt": "US|SS|OW",  # LUT data: dcmtk's "US, SS or OW" (PS3.6 says "US or OW" for LUT Data)
    "up": "UL",        # "unsigned pointer", a UL file offset in DICOMDIRs
    "na": "",          # items and delimiters have no VR (PS3.5 7.5)
}

# dcmtk entries that are matching rules, not elements (private creators, group lengths of
# every group); the runtime implements these rules (PS3.5 7.2 and 7.8.1) in code.
SKIPPED_VERSIONS = {"PRIVATE", "ILLEGAL", "GENERIC"}

TAG_RE = re.compile(
    r"\((?P<g1>[0-9A-F]{4})(?:-(?P<gk>[ou]-)?(?P<g2>[0-9A-F]{4}))?,"
    r"(?P<e1>[0-9A-F]{4})(?:-(?P<ek>[ou]-)?(?P<e2>[0-9A-F]{4}))?\)$")


class SourceMissing(Exception):
    pass


def find_dicom_dic(explicit):
    if explicit:
        candidates = [explicit]
    else:
        candidates = sorted(glob.glob("/usr/share/libdcmtk*/dicom.dic"), reverse=True)
    for path in candidates:
        if os.path.isfile(path):
            return path
    raise SourceMissing("dcmtk's dicom.dic not found (apt-get install libdcmtk17, or --dic PATH)")


def find_pydicom_dir(explicit):
    candidates = [explicit] if explicit else []
    if not explicit:
        spec = importlib.util.find_spec("pydicom")
        if spec and spec.submodule_search_locations:
            candidates.extend(spec.submodule_search_locations)
        # Debian's python3-pydicom, visible even when python3 is not Debian's interpreter
        candidates.extend(sorted(glob.glob("/usr/lib/python3*/dist-packages/pydicom"), reverse=True))
    for path in candidates:
        if os.path.isfile(os.path.join(path, "_dicom_dict.py")) and \
                os.path.isfile(os.path.join(path, "_uid_dict.py")):
            return path
    raise SourceMissing("pydicom's _dicom_dict.py/_uid_dict.py not found "
                        "(apt-get install python3-pydicom, or --pydicom DIR)")


def literal_assignments(path):
    """Top-level `NAME = {literal}` assignments of a Python file, without executing it."""
    with open(path, encoding="utf-8") as f:
        tree = ast.parse(f.read(), path)
    result = {}
    for node in tree.body:
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.value:
            result[node.target.id] = node.value
        elif isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            result[node.targets[0].id] = node.value
    return result


def pydicom_sources(pydir):
    assigned = literal_assignments(os.path.join(pydir, "_dicom_dict.py"))
    elements = ast.literal_eval(assigned["DicomDictionary"])
    repeaters = ast.literal_eval(assigned["RepeatersDictionary"])
    uids = ast.literal_eval(literal_assignments(os.path.join(pydir, "_uid_dict.py"))["UID_dictionary"])
    version = "?"
    with open(os.path.join(pydir, "_version.py"), encoding="utf-8") as f:
        text = f.read()
    m = re.search(r"__version__\s*(?::\s*str\s*)?=\s*'([^']+)'", text)
    d = re.search(r"__dicom_version__\s*(?::\s*str\s*)?=\s*'([^']+)'", text)
    if m:
        version = m.group(1) + (" (DICOM " + d.group(1) + ")" if d else "")
    return elements, repeaters, uids, version


def range_to_mask(lo, hi, what):
    """(6000-60FF) -> '60xx': hex digits after the common prefix become 'x'.

    dcmtk lists repeating groups as ranges stepping by 2 (PS3.5 7.6: even groups only); a
    range such as 6000-601E still lies in one 60xx block, so it is written as that block.
    """
    prefix = 0
    while prefix < 4 and lo[prefix] == hi[prefix]:
        prefix += 1
    if prefix == 4 or set(lo[prefix:]) != {"0"}:
        raise ValueError("range %s-%s of %s is not a hex-digit block" % (lo, hi, what))
    return lo[:prefix] + "x" * (4 - prefix)


def mask_matches(mask, tag):
    return all(m == "x" or m == t for m, t in zip(mask, tag))


def vr_text(vr):
    return vr.replace(" or ", "|")


def derive_name(keyword):
    """Fallback for elements newer than pydicom's edition: 'AcquisitionUID' -> 'Acquisition UID'."""
    return " ".join(re.findall(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|\d+", keyword))


def read_dicom_dic(path):
    header_version = "?"
    rows = []
    with open(path, encoding="latin-1") as f:
        for number, line in enumerate(f, 1):
            line = line.rstrip("\n")
            m = re.search(r"Generated automatically from (DICOM PS ?3\.6-\S+)", line)
            if m:
                header_version = m.group(1).replace("PS 3", "PS3")
            if not line.strip() or line.startswith("#"):
                continue
            fields = line.split("\t")
            if len(fields) != 5:
                raise ValueError("%s:%d: expected 5 tab-separated fields" % (path, number))
            rows.append((number, fields))
    return header_version, rows


def build_elements(dic_rows, py_elements, py_repeaters):
    entries = []
    derived = []
    for number, (tag, vr, keyword, vm, version) in dic_rows:
        if version in SKIPPED_VERSIONS:
            continue
        m = TAG_RE.match(tag)
        if not m:
            raise ValueError("dicom.dic:%d: cannot parse tag %s" % (number, tag))
        if m.group("gk") or m.group("ek"):
            raise ValueError("dicom.dic:%d: odd/any-parity range %s in a standard entry" % (number, tag))
        group = m.group("g1") if not m.group("g2") else range_to_mask(m.group("g1"), m.group("g2"), tag)
        element = m.group("e1") if not m.group("e2") else range_to_mask(m.group("e1"), m.group("e2"), tag)
        key = group + element
        retired = version == "DICOM/retired"
        keyword = keyword[len("RETIRED_"):] if keyword.startswith("RETIRED_") else keyword

        py = py_elements.get(int(key, 16)) if "x" not in key else py_repeaters.get(key)
        if py is not None and py[4] != keyword:
            py = None
        if py is None and "x" not in key:
            # dcmtk flattens PS3.6's (0028,04x0), (0028,08x0), (1000,xxx0), (1010,xxxx) to
            # one tag; take PS3.6's mask from pydicom when its keyword agrees.
            for mask, candidate in py_repeaters.items():
                if candidate[4] == keyword and mask_matches(mask, key):
                    key, py = mask, candidate
                    break
        name = py[2] if py is not None else derive_name(keyword)
        if py is None:
            derived.append(keyword)
        if vr in PSEUDO_VRS:
            vrs = vr_text(py[0]) if py is not None and py[0] != "NONE" else PSEUDO_VRS[vr]
        else:
            vrs = vr
        entries.append((key, keyword, name, vrs, vm, retired))

    entries.sort(key=lambda e: (int(e[0].replace("x", "0"), 16), e[0]))
    seen_tags, seen_keywords = set(), set()
    for e in entries:
        if e[0] in seen_tags or e[1] in seen_keywords:
            raise ValueError("duplicate tag or keyword: %s %s" % (e[0], e[1]))
        seen_tags.add(e[0])
        seen_keywords.add(e[1])
    return entries, derived


def dictionary_tsv(entries, source):
    out = ["# GENERATED by %s from %s; do not edit" % (GENERATOR, source),
           "# PS3.6 section 6 data elements. tag: 8 hex digits, 'x' = any nibble (repeating groups, PS3.5 7.6);",
           "# vr: PS3.6 VRs joined by '|', empty for items and delimiters (PS3.5 7.5); retired: 'retired' or empty.",
           "# tag\tkeyword\tname\tvr\tvm\tretired"]
    for key, keyword, name, vrs, vm, retired in entries:
        out.append("\t".join([key, keyword, name, vrs, vm, "retired" if retired else ""]))
    return "\n".join(out) + "\n"


def build_uids(py_uids):
    rows = []
    for uid, (name, kind, _info, retired, keyword) in py_uids.items():
        rows.append((uid, keyword, name, kind, retired == "Retired"))
    return rows


def uids_tsv(rows, source):
    out = ["# GENERATED by %s from %s; do not edit" % (GENERATOR, source),
           "# PS3.6 Annex A registry of DICOM unique identifiers.",
           "# uid\tkeyword\tname\ttype\tretired"]
    for uid, keyword, name, kind, retired in rows:
        out.append("\t".join([uid, keyword, name, kind, "retired" if retired else ""]))
    return "\n".join(out) + "\n"


def java_comment(text):
    return text.replace("*/", "*&#47;")


def tags_java(entries, source):
    out = ["// GENERATED by %s from %s; do not edit." % (GENERATOR, source),
           "package org.qanode.dicom;",
           "",
           "/**",
           " * Tag constants for every PS3.6 data element with a single tag, named by keyword.",
           " * Repeating-group elements (60xx, 50xx, ...) are in {@link ElementDictionary} only.",
           " * Generated by {@code %s}; regenerate, never edit." % GENERATOR,
           " */",
           "public final class Tags {",
           "    private Tags() {",
           "    }",
           ""]
    for key, keyword, name, vrs, vm, retired in entries:
        if "x" in key:
            continue
        doc = "(%s,%s) %s, %s, VM %s%s" % (key[:4], key[4:], java_comment(name), vrs or "no VR", vm,
                                           ", retired" if retired else "")
        out.append("    /** %s. */" % doc)
        out.append("    public static final int %s = 0x%s;" % (keyword, key))
    out.append("}")
    return "\n".join(out) + "\n"


def java_string(text):
    return text.replace("\\", "\\\\").replace('"', '\\"')


def uids_java(rows, source):
    out = ["// GENERATED by %s from %s; do not edit." % (GENERATOR, source),
           "package org.qanode.dicom;",
           "",
           "/**",
           " * Constants for the PS3.6 Annex A UIDs that have a keyword (transfer syntaxes, SOP classes,",
           " * well-known instances, ...). Names and types are in {@link UID}.",
           " * Generated by {@code %s}; regenerate, never edit." % GENERATOR,
           " */",
           "public final class UIDs {",
           "    private UIDs() {",
           "    }",
           ""]
    for uid, keyword, name, kind, retired in rows:
        if not keyword:
            continue
        out.append("    /** %s (%s%s). */" % (java_comment(name), kind, ", retired" if retired else ""))
        out.append('    public static final String %s = "%s";' % (keyword, java_string(uid)))
    out.append("}")
    return "\n".join(out) + "\n"


def generate(dic_path, pydir):
    dic_version, dic_rows = read_dicom_dic(dic_path)
    py_elements, py_repeaters, py_uids, py_version = pydicom_sources(pydir)
    entries, derived = build_elements(dic_rows, py_elements, py_repeaters)
    element_source = "dcmtk %s (%s), names from pydicom %s _dicom_dict.py" % (
        dic_path, dic_version, py_version)
    if derived:
        element_source += " (%d newer names derived from keywords: %s)" % (len(derived), ", ".join(derived))
    uid_source = "pydicom %s _uid_dict.py" % py_version
    uids = build_uids(py_uids)
    return {
        DICTIONARY_TSV: dictionary_tsv(entries, element_source),
        UIDS_TSV: uids_tsv(uids, uid_source),
        TAGS_JAVA: tags_java(entries, "dcmtk %s (%s)" % (dic_path, dic_version)),
        UIDS_JAVA: uids_java(uids, uid_source),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dic", help="dcmtk dicom.dic (default: /usr/share/libdcmtk*/dicom.dic)")
    parser.add_argument("--pydicom", help="pydicom package directory (default: found on sys.path or Debian's)")
    parser.add_argument("--out", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."),
                        help="project root to write into (default: this script's project)")
    parser.add_argument("--check", action="store_true", help="compare with the files under --out, write nothing")
    args = parser.parse_args()
    try:
        outputs = generate(find_dicom_dic(args.dic), find_pydicom_dir(args.pydicom))
    except SourceMissing as e:
        print("gen_dictionary: " + str(e), file=sys.stderr)
        return EXIT_SOURCE_MISSING
    stale = []
    for rel, text in outputs.items():
        path = os.path.normpath(os.path.join(args.out, rel))
        if args.check:
            try:
                with open(path, encoding="utf-8", newline="") as f:
                    current = f.read()
            except FileNotFoundError:
                current = ""
            if current != text:
                stale.append(rel)
                diff = difflib.unified_diff(current.splitlines(), text.splitlines(),
                                            "committed/" + rel, "generated/" + rel, lineterm="", n=1)
                sys.stderr.write("\n".join(list(diff)[:40]) + "\n")
        else:
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w", encoding="utf-8", newline="\n") as f:
                f.write(text)
    if stale:
        print("gen_dictionary: stale or hand-edited, rerun %s: %s" % (GENERATOR, ", ".join(stale)), file=sys.stderr)
        return EXIT_STALE
    return 0


if __name__ == "__main__":
    sys.exit(main())
