package org.qanode.rt;

import static org.qanode.rt.SummaryValues.first;
import static org.qanode.rt.SummaryValues.integer;
import static org.qanode.rt.SummaryValues.itemWith;
import static org.qanode.rt.SummaryValues.last;
import static org.qanode.rt.SummaryValues.number;
import static org.qanode.rt.SummaryValues.numbers;
import static org.qanode.rt.SummaryValues.string;

import java.util.ArrayList;
import java.util.List;
import org.qanode.dicom.Dataset;
import org.qanode.dicom.Sequence;
import org.qanode.dicom.Tags;

/**
 * Summarises an RT Plan or RT Ion Plan. Reads only the first and last control point of each beam
 * (plus the cumulative meterset weights for the segment count): the summary is meant to ride along
 * with the comparator at a few percent of its cost.
 */
final class PlanExtractor {
    private PlanExtractor() {
    }

    static PlanSummary summarise(Dataset ds, boolean ion) {
        List<FractionGroup> groups = fractionGroups(ds.getSequence(Tags.FractionGroupSequence));
        List<BeamParameters> beams = new ArrayList<>();
        Sequence beamSeq = ds.getSequence(ion ? Tags.IonBeamSequence : Tags.BeamSequence);
        if (beamSeq != null) {
            for (Dataset beam : beamSeq) {
                beams.add(beam(ds, beam, ion, groups));
            }
        }
        return new PlanSummary(string(ds, Tags.SOPInstanceUID), string(ds, Tags.SOPClassUID),
                string(ds, Tags.PatientID), patientName(ds), string(ds, Tags.StudyInstanceUID),
                string(ds, Tags.StudyID), string(ds, Tags.RTPlanLabel), string(ds, Tags.RTPlanName),
                string(ds, Tags.RTPlanDate), string(ds, Tags.RTPlanTime), string(ds, Tags.ApprovalStatus),
                groups, beams, BrachyExtractor.channels(ds));
    }

    static String patientName(Dataset ds) {
        try {
            return ds.getText(Tags.PatientName);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** C.8.8.13: each fraction group with its referenced beams (dose and meterset per fraction). */
    private static List<FractionGroup> fractionGroups(Sequence seq) {
        List<FractionGroup> out = new ArrayList<>();
        if (seq == null) {
            return out;
        }
        for (Dataset g : seq) {
            List<FractionGroup.ReferencedBeam> refs = new ArrayList<>();
            Sequence rb = g.getSequence(Tags.ReferencedBeamSequence);
            if (rb != null) {
                for (Dataset r : rb) {
                    refs.add(new FractionGroup.ReferencedBeam(integer(r, Tags.ReferencedBeamNumber),
                            number(r, Tags.BeamDose), number(r, Tags.BeamMeterset)));
                }
            }
            List<Integer> setups = new ArrayList<>();
            Sequence rba = g.getSequence(Tags.ReferencedBrachyApplicationSetupSequence);
            if (rba != null) {
                for (Dataset r : rba) {
                    Integer n = integer(r, Tags.ReferencedBrachyApplicationSetupNumber);
                    if (n != null) {
                        setups.add(n);
                    }
                }
            }
            out.add(new FractionGroup(integer(g, Tags.FractionGroupNumber), integer(g, Tags.NumberOfFractionsPlanned),
                    refs, setups));
        }
        return out;
    }

    private static BeamParameters beam(Dataset plan, Dataset beam, boolean ion, List<FractionGroup> groups) {
        Integer number = integer(beam, Tags.BeamNumber);
        FractionGroup.ReferencedBeam ref = null;
        Integer group = null;
        for (FractionGroup g : groups) {
            for (FractionGroup.ReferencedBeam r : g.beams()) {
                if (number != null && number.equals(r.beamNumber())) {
                    ref = r;
                    group = g.number();
                }
            }
            if (ref != null) {
                break;
            }
        }
        Sequence cps = beam.getSequence(ion ? Tags.IonControlPointSequence : Tags.ControlPointSequence);
        Dataset cp0 = first(cps);
        Dataset cpN = last(cps);
        Double gantryStart = number(cp0, Tags.GantryAngle);
        Double gantryStop = number(cpN, Tags.GantryAngle);
        Integer controlPoints = integer(beam, Tags.NumberOfControlPoints);
        Dataset setup = itemWith(plan.getSequence(Tags.PatientSetupSequence), Tags.PatientSetupNumber,
                integer(beam, Tags.ReferencedPatientSetupNumber));
        return new BeamParameters(number, string(beam, Tags.BeamName), string(beam, Tags.BeamType),
                string(beam, Tags.RadiationType), string(beam, Tags.TreatmentDeliveryType),
                number(cp0, Tags.NominalBeamEnergy), string(beam, Tags.TreatmentMachineName),
                ref == null ? null : ref.meterset(), string(beam, Tags.PrimaryDosimeterUnit),
                ref == null ? null : ref.beamDose(), group,
                controlPoints != null ? controlPoints : (cps == null ? null : cps.size()), segments(cps),
                gantryStart, gantryStop != null ? gantryStop : gantryStart, string(cp0, Tags.GantryRotationDirection),
                number(cp0, Tags.BeamLimitingDeviceAngle), number(cp0, Tags.PatientSupportAngle),
                number(cp0, Tags.TableTopVerticalPosition), number(cp0, Tags.TableTopLongitudinalPosition),
                number(cp0, Tags.TableTopLateralPosition), number(cp0, Tags.SourceToSurfaceDistance),
                jaw(cp0, "X"), jaw(cp0, "Y"), numbers(cp0, Tags.IsocenterPosition), hasMlc(beam, ion),
                integer(beam, Tags.NumberOfWedges), integer(beam, Tags.NumberOfBlocks),
                integer(beam, Tags.NumberOfCompensators), integer(beam, Tags.NumberOfBoli),
                SummaryValues.size(beam.getSequence(Tags.ApplicatorSequence)) > 0,
                integer(beam, Tags.NumberOfRangeShifters), string(setup, Tags.PatientPosition));
    }

    /** Jaw positions of one axis: ASYMX/ASYMY, or the symmetric X/Y device (C.8.8.14.3). */
    private static List<Double> jaw(Dataset cp, String axis) {
        Sequence pos = cp == null ? null : cp.getSequence(Tags.BeamLimitingDevicePositionSequence);
        if (pos == null) {
            return null;
        }
        for (Dataset d : pos) {
            String type = d.getString(Tags.RTBeamLimitingDeviceType);
            if (("ASYM" + axis).equals(type) || axis.equals(type)) {
                return numbers(d, Tags.LeafJawPositions);
            }
        }
        return null;
    }

    private static boolean hasMlc(Dataset beam, boolean ion) {
        Sequence devices = beam.getSequence(ion ? Tags.IonBeamLimitingDeviceSequence : Tags.BeamLimitingDeviceSequence);
        if (devices == null) {
            return false;
        }
        for (Dataset d : devices) {
            String type = d.getString(Tags.RTBeamLimitingDeviceType);
            if (type != null && type.startsWith("MLC")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Control point intervals over which the cumulative meterset weight increases: the segments
     * of a step-and-shoot beam (each delivered between a pair of control points) and the
     * intervals of a dynamic one. Null without control points.
     */
    private static Integer segments(Sequence cps) {
        if (cps == null || cps.isEmpty()) {
            return null;
        }
        int segments = 0;
        Double previous = null;
        for (Dataset cp : cps) {
            Double w = number(cp, Tags.CumulativeMetersetWeight);
            if (w != null && previous != null && w > previous) {
                segments++;
            }
            if (w != null) {
                previous = w;
            }
        }
        return segments;
    }
}
