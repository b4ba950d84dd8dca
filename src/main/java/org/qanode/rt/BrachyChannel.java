package org.qanode.rt;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One channel of a brachytherapy application setup (PS3.3 C.8.8.15 RT Brachy Application Setups):
 * which source it carries and for how long, so a brachy course is not invisible in the summary.
 *
 * @param channelTotalTime       Channel Total Time (300A,0286), s
 * @param referenceAirKermaRate  of the referenced source (300A,022A), uGy/h at 1 m
 * @param totalReferenceAirKerma of the application setup (300A,0250), uGy at 1 m
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BrachyChannel(Integer applicationSetup, Integer channel, Integer source, String isotope,
                            Double referenceAirKermaRate, Double channelTotalTime, Double totalReferenceAirKerma) {
}
