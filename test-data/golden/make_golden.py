#!/usr/bin/python3
"""Writes the golden Part 10 files of TransferSyntaxGoldenTest with pydicom, an encoder
independent of ours, as hex dumps (test-data/golden/*.hex).

Run ONCE and commit the output; the Java test then compares what our DicomWriter produces
with these bytes and reads them back. Needs Debian's python3-pydicom (2.3.1):

    /usr/bin/python3 test-data/golden/make_golden.py

The data set here and TransferSyntaxGoldenTest.plan() must describe the same elements.
Sequences and items are written with undefined length (as our writer does) for the four
transfer-syntax fixtures, and with defined lengths for one extra read-only fixture.
"""
import io
import os
import sys

import pydicom
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.sequence import Sequence

HERE = os.path.dirname(os.path.abspath(__file__))

IMPLICIT_LE = "1.2.840.10008.1.2"
EXPLICIT_LE = "1.2.840.10008.1.2.1"
DEFLATED_LE = "1.2.840.10008.1.2.1.99"
EXPLICIT_BE = "1.2.840.10008.1.2.2"

# our identity, as DicomWriter writes it
IMPLEMENTATION_CLASS_UID = "2.25.152952383120957262218604432457317633581"
IMPLEMENTATION_VERSION_NAME = "QANODE_010"


def plan(undefined_lengths):
    ds = Dataset()
    ds.SOPClassUID = "1.2.840.10008.5.1.4.1.1.481.5"
    ds.SOPInstanceUID = "1.2.3.4.5"  # odd length: NUL padding
    ds.Modality = "RTPLAN"
    ds.PatientName = "Doe^Jane"
    ds.PatientID = "QA1"  # odd length: space padding
    ds.FrameIncrementPointer = 0x3004000C  # AT
    ds.Rows = 512  # US
    ds.Columns = 256  # US
    ds.EncapsulatedDocument = b"\x01\x02\x03\x04\x05"  # OB, odd length: NUL padding
    ds.RTPlanLabel = "Plan 1"
    beams = []
    for b in (1, 2):
        beam = Dataset()
        beam.BeamNumber = str(b)
        beam.BeamName = "Beam %d" % b
        beam.BeamDeliveryDurationLimit = 12.25 * b  # FD
        cps = []
        for c in (0, 1):
            cp = Dataset()
            cp.ControlPointIndex = str(c)
            cp.TableTopPitchAngle = 0.5 + c  # FL
            dev = Dataset()
            dev.RTBeamLimitingDeviceType = "X"
            dev.LeafJawPositions = ["-50", "50"] if c == 0 else ["-47.5", "52.5"]
            cp.BeamLimitingDevicePositionSequence = Sequence([dev])
            cps.append(cp)
        beam.ControlPointSequence = Sequence(cps)
        beams.append(beam)
    ds.BeamSequence = Sequence(beams)
    if undefined_lengths:
        mark_undefined(ds)
    return ds


def mark_undefined(ds):
    for elem in ds:
        if elem.VR == "SQ":
            elem.is_undefined_length = True
            for item in elem.value:
                item.is_undefined_length_sequence_item = True
                mark_undefined(item)


def write(ds, ts):
    meta = FileMetaDataset()
    meta.FileMetaInformationVersion = b"\x00\x01"
    meta.MediaStorageSOPClassUID = ds.SOPClassUID
    meta.MediaStorageSOPInstanceUID = ds.SOPInstanceUID
    meta.TransferSyntaxUID = ts
    meta.ImplementationClassUID = IMPLEMENTATION_CLASS_UID
    meta.ImplementationVersionName = IMPLEMENTATION_VERSION_NAME
    ds.file_meta = meta
    ds.preamble = b"\x00" * 128
    ds.is_implicit_VR = ts == IMPLICIT_LE
    ds.is_little_endian = ts != EXPLICIT_BE
    buf = io.BytesIO()
    pydicom.dcmwrite(buf, ds, write_like_original=False)
    return buf.getvalue()


def save(name, data, note):
    path = os.path.join(HERE, name + ".hex")
    with open(path, "w") as f:
        f.write("# %s\n# written by test-data/golden/make_golden.py with pydicom %s; %d bytes\n"
                % (note, pydicom.__version__, len(data)))
        for i in range(0, len(data), 16):
            f.write(data[i:i + 16].hex(" ") + "\n")
    print("wrote", path, len(data), "bytes")


def main():
    if not pydicom.__version__.startswith("2."):
        sys.exit("expects pydicom 2.x (Debian python3-pydicom), found " + pydicom.__version__)
    for name, ts in (("plan_implicit_le", IMPLICIT_LE), ("plan_explicit_le", EXPLICIT_LE),
                     ("plan_explicit_be", EXPLICIT_BE), ("plan_deflated_le", DEFLATED_LE)):
        save(name, write(plan(True), ts), "golden plan, transfer syntax " + ts + ", undefined-length sequences and items")
    save("plan_explicit_le_defined_lengths", write(plan(False), EXPLICIT_LE),
         "golden plan, Explicit VR LE, sequences and items of defined length (read-only fixture)")


if __name__ == "__main__":
    main()
