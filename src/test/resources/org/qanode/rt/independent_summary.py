#!/usr/bin/python3
"""Independent reading of RT plans for qanode's RT summary tests (RtSummarySamplesTest).

Reads each file with pydicom (meterset, angles, energies, jaws, isocenter, MLC presence, control
points) and dicompyler-core (plan label/date/time, beam names, planned beam dose) and prints one
JSON object keyed by file name. Written without looking at qanode's extraction, from PS3.3 C.8.8.
Usage: independent_summary.py FILE...   |   independent_summary.py --mlc-diff A B
"""
import json
import sys

import pydicom
from dicompylercore import dicomparser


def num(v):
    return None if v is None or v == "" else float(v)


def jaw(cp, axis):
    for d in cp.get("BeamLimitingDevicePositionSequence", []):
        if d.RTBeamLimitingDeviceType in ("ASYM" + axis, axis):
            return [float(x) for x in d.LeafJawPositions]
    return None


def plan(path):
    ds = pydicom.dcmread(path, force=True)
    ion = "IonBeamSequence" in ds
    beams_seq = ds.IonBeamSequence if ion else ds.get("BeamSequence", [])
    meterset, fx_of = {}, {}
    for fg in ds.get("FractionGroupSequence", []):
        for rb in fg.get("ReferencedBeamSequence", []):
            meterset[int(rb.ReferencedBeamNumber)] = num(rb.get("BeamMeterset"))
            fx_of[int(rb.ReferencedBeamNumber)] = int(fg.NumberOfFractionsPlanned) if "NumberOfFractionsPlanned" in fg else None
    beams = {}
    for b in beams_seq:
        cps = b.IonControlPointSequence if ion else b.get("ControlPointSequence", [])
        cp0 = cps[0] if len(cps) else {}
        last = cps[-1] if len(cps) else {}
        devices = b.IonBeamLimitingDeviceSequence if ion and "IonBeamLimitingDeviceSequence" in b else b.get("BeamLimitingDeviceSequence", [])
        start = num(cp0.get("GantryAngle"))
        stop = num(last.get("GantryAngle"))
        beams[str(int(b.BeamNumber))] = {
            "name": b.get("BeamName"),
            "type": b.get("BeamType"),
            "radiationType": b.get("RadiationType"),
            "machine": b.get("TreatmentMachineName"),
            "energy": num(cp0.get("NominalBeamEnergy")),
            "meterset": meterset.get(int(b.BeamNumber)),
            "controlPoints": len(cps),
            "gantryStart": start,
            "gantryStop": stop if stop is not None else start,
            "rotationDirection": cp0.get("GantryRotationDirection"),
            "collimatorAngle": num(cp0.get("BeamLimitingDeviceAngle")),
            "couchAngle": num(cp0.get("PatientSupportAngle")),
            "ssd": num(cp0.get("SourceToSurfaceDistance")),
            "jawX": jaw(cp0, "X"),
            "jawY": jaw(cp0, "Y"),
            "isocenter": [float(x) for x in cp0.IsocenterPosition] if "IsocenterPosition" in cp0 else None,
            "mlc": any(str(d.RTBeamLimitingDeviceType).startswith("MLC") for d in devices),
        }
    out = {"patientId": ds.get("PatientID"), "label": ds.get("RTPlanLabel"), "beams": beams,
           "fractionsPlanned": sum(int(fg.NumberOfFractionsPlanned) for fg in ds.get("FractionGroupSequence", [])
                                   if "NumberOfFractionsPlanned" in fg)}
    # dicompyler-core: plan header and per-beam planned dose (BeamDose x fractions, cGy)
    dp = dicomparser.DicomParser(path)
    p = dp.GetPlan()
    out["dicompyler"] = {"label": p.get("label"), "date": p.get("date"), "time": p.get("time")}
    if len(ds.get("FractionGroupSequence", [])) == 1:
        out["dicompyler"]["beams"] = {str(k): {"name": v.get("name"), "doseCGy": v.get("dose")}
                                      for k, v in dp.GetReferencedBeamsInFraction().items()}
    return out


def mlc_diff(a, b):
    """Largest |leaf(a) - leaf(b)| over beams (by number) and control points (by position)."""
    da, db = pydicom.dcmread(a, force=True), pydicom.dcmread(b, force=True)
    best = {"max": 0.0}
    bb = {int(x.BeamNumber): x for x in db.BeamSequence}
    for beam in da.BeamSequence:
        other = bb[int(beam.BeamNumber)]
        for i, (ca, cb) in enumerate(zip(beam.ControlPointSequence, other.ControlPointSequence)):
            la = [d for d in ca.get("BeamLimitingDevicePositionSequence", []) if d.RTBeamLimitingDeviceType.startswith("MLC")]
            lb = [d for d in cb.get("BeamLimitingDevicePositionSequence", []) if d.RTBeamLimitingDeviceType.startswith("MLC")]
            for x, y in zip(la, lb):
                pos = list(zip(x.LeafJawPositions, y.LeafJawPositions))
                half = len(pos) // 2
                for k, (p, q) in enumerate(pos):
                    d = abs(float(p) - float(q))
                    if d > best["max"]:
                        best = {"max": round(d, 6), "beam": int(beam.BeamNumber), "controlPoint": int(ca.ControlPointIndex),
                                "leaf": ("A" if k < half else "B") + str(k % half + 1)}
    return best


if __name__ == "__main__":
    if sys.argv[1] == "--mlc-diff":
        print(json.dumps(mlc_diff(sys.argv[2], sys.argv[3])))
    else:
        print(json.dumps({f: plan(f) for f in sys.argv[1:]}))
