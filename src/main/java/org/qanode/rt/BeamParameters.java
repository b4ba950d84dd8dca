package org.qanode.rt;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * The planned parameters of one beam that matter for delivery (Zhang et al. 2019, Fig. 6), from
 * the RT Beams module (PS3.3 C.8.8.14) or the RT Ion Beams module (C.8.8.25), the first and last
 * control point, and the Fraction Scheme module (C.8.8.13) for meterset and beam dose.
 *
 * @param energy nominal beam energy of the first control point (MV / MeV for photons and
 *               electrons, MeV per nucleon for ions)
 * @param meterset Beam Meterset of the fraction group that references the beam (MU, or for ions
 *                 the primary dosimeter unit named in {@code metersetUnit})
 * @param segments control point intervals across which the cumulative meterset weight grows
 * @param jawX     X jaw (ASYMX or X) leaf/jaw positions of the first control point, mm
 * @param mlc      a multileaf collimator (MLCX, MLCY) is among the beam limiting devices
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BeamParameters(
        Integer number, String name, String type, String radiationType, String deliveryType, Double energy,
        String machine, Double meterset, String metersetUnit, Double beamDose, Integer fractionGroup,
        Integer controlPoints, Integer segments, Double gantryStart, Double gantryStop, String rotationDirection,
        Double collimatorAngle, Double couchAngle, Double tableTopVertical, Double tableTopLongitudinal,
        Double tableTopLateral, Double ssd, List<Double> jawX, List<Double> jawY, List<Double> isocenter,
        boolean mlc, Integer wedges, Integer blocks, Integer compensators, Integer boli, boolean applicator,
        Integer rangeShifters, String patientPosition) {

    /** A named parameter: the summary's and the reports' column, in Fig. 6 order. */
    public record Field(String name, Function<BeamParameters, Object> value) {
    }

    public static final List<Field> FIELDS = List.of(
            new Field("name", BeamParameters::name),
            new Field("type", BeamParameters::type),
            new Field("radiationType", BeamParameters::radiationType),
            new Field("deliveryType", BeamParameters::deliveryType),
            new Field("energy", BeamParameters::energy),
            new Field("machine", BeamParameters::machine),
            new Field("meterset", BeamParameters::meterset),
            new Field("metersetUnit", BeamParameters::metersetUnit),
            new Field("beamDose", BeamParameters::beamDose),
            new Field("fractionGroup", BeamParameters::fractionGroup),
            new Field("controlPoints", BeamParameters::controlPoints),
            new Field("segments", BeamParameters::segments),
            new Field("gantryStart", BeamParameters::gantryStart),
            new Field("gantryStop", BeamParameters::gantryStop),
            new Field("rotationDirection", BeamParameters::rotationDirection),
            new Field("collimatorAngle", BeamParameters::collimatorAngle),
            new Field("couchAngle", BeamParameters::couchAngle),
            new Field("tableTopVertical", BeamParameters::tableTopVertical),
            new Field("tableTopLongitudinal", BeamParameters::tableTopLongitudinal),
            new Field("tableTopLateral", BeamParameters::tableTopLateral),
            new Field("ssd", BeamParameters::ssd),
            new Field("jawX", BeamParameters::jawX),
            new Field("jawY", BeamParameters::jawY),
            new Field("isocenter", BeamParameters::isocenter),
            new Field("mlc", BeamParameters::mlc),
            new Field("wedges", BeamParameters::wedges),
            new Field("blocks", BeamParameters::blocks),
            new Field("compensators", BeamParameters::compensators),
            new Field("boli", BeamParameters::boli),
            new Field("applicator", BeamParameters::applicator),
            new Field("rangeShifters", BeamParameters::rangeShifters),
            new Field("patientPosition", BeamParameters::patientPosition));

    /** Names of the fields whose values differ between two versions of a beam. */
    public static List<String> changed(BeamParameters a, BeamParameters b) {
        return FIELDS.stream().filter(f -> !Objects.equals(f.value().apply(a), f.value().apply(b)))
                .map(Field::name).toList();
    }
}
