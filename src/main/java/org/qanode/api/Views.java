package org.qanode.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.qanode.dicom.UID;
import org.qanode.store.InstanceRecord;
import org.qanode.store.StateSummary;
import org.qanode.store.StoreEvent;

/** The JSON shapes of the REST API that are not the comparison result itself. */
final class Views {
    private Views() {
    }

    /** A state with counts; {@code bySopClass} maps SOP Class UID to its count of current objects. */
    @JsonPropertyOrder({"name", "createdAt", "instances", "unreadable", "receiving", "bySopClass"})
    record State(String name, String createdAt, long instances, long unreadable, boolean receiving,
            List<SopClassCount> bySopClass) {

        static State of(StateSummary s, String receivingState) {
            List<SopClassCount> counts = new TreeMap<>(s.bySopClass()).entrySet().stream()
                    .map(e -> new SopClassCount(e.getKey(), UID.nameOf(e.getKey()), e.getValue())).toList();
            return new State(s.name(), time(s.createdAt()), s.instances(), s.unreadable(),
                    s.name().equals(receivingState), counts);
        }
    }

    record SopClassCount(String sopClassUid, String name, long count) {
    }

    /** One stored version of an object (an index row); nulls left out. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"sopInstanceUid", "version", "current", "sopClassUid", "sopClassName", "patientId",
            "patientName", "studyInstanceUid", "seriesInstanceUid", "modality", "rtPlanLabel", "rtPlanDate",
            "referencedPlanUid", "transferSyntaxUid", "sizeBytes", "sha256", "receivedAt", "callingAeTitle",
            "parseError", "integrity"})
    record Instance(String sopInstanceUid, int version, boolean current, String sopClassUid, String sopClassName,
            String patientId, String patientName, String studyInstanceUid, String seriesInstanceUid, String modality,
            String rtPlanLabel, String rtPlanDate, String referencedPlanUid, String transferSyntaxUid, long sizeBytes,
            String sha256, String receivedAt, String callingAeTitle, String parseError, String integrity) {

        static Instance of(InstanceRecord r) {
            var f = r.fields();
            return new Instance(r.sopInstanceUid(), r.version(), r.current(), f.sopClassUid(),
                    f.sopClassUid() == null ? null : UID.nameOf(f.sopClassUid()), f.patientId(), f.patientName(),
                    f.studyInstanceUid(), f.seriesInstanceUid(), f.modality(), f.rtPlanLabel(), f.rtPlanDate(),
                    f.referencedPlanUid(), r.transferSyntaxUid(), r.sizeBytes(), r.sha256(), time(r.receivedAt()),
                    r.callingAeTitle(), r.parseError(), r.integrity().name());
        }
    }

    /** An event of a state's history (a replaced version, a rejected object, ...). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"occurredAt", "kind", "sopInstanceUid", "detail"})
    record Event(String occurredAt, String kind, String sopInstanceUid, String detail) {
        static Event of(StoreEvent e) {
            return new Event(time(e.occurredAt()), e.kind().name(), e.sopInstanceUid(), e.detail());
        }
    }

    record InstanceList(long total, int offset, int limit, List<Instance> items) {
    }

    record Items<T>(List<T> items) {
    }

    record ReceivingStateBody(String state) {
    }

    record CreateState(String name) {
    }

    record CreateComparison(String baseline, String candidate, String profile) {
    }

    @JsonPropertyOrder({"id", "status", "links"})
    record Accepted(String id, String status, Map<String, String> links) {
    }

    static String time(OffsetDateTime t) {
        return t == null ? null : t.withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS).toInstant().toString();
    }
}
