package org.qanode.audit;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.qanode.dicom.UIDs;

/**
 * An {@link AuditEvent} as a DICOM Audit Message: XML valid against the schema of PS3.15 A.5.1
 * (element order as the schema fixes it), with the participants of A.5.3 for its event. The
 * peer or user is the requestor; the node takes part as Destination (transfers), Application or
 * Source. Patient ID only where A.5.3 asks for the patient, never the name.
 */
public final class AuditXml {
    private static final XMLOutputFactory XML = XMLOutputFactory.newFactory();
    private static final CodedValue URI = new CodedValue("12", "RFC-3881", "URI");

    private final AuditSource source;

    public AuditXml(AuditSource source) {
        this.source = source;
    }

    public String toXml(AuditEvent e) {
        StringWriter out = new StringWriter(1024);
        try {
            XMLStreamWriter w = XML.createXMLStreamWriter(out);
            w.writeStartDocument("UTF-8", "1.0");
            w.writeStartElement("AuditMessage");
            eventIdentification(w, e);
            participants(w, e);
            w.writeStartElement("AuditSourceIdentification");
            w.writeAttribute("AuditSourceID", source.sourceId());
            w.writeEmptyElement("AuditSourceTypeCode");
            w.writeAttribute("csd-code", "4"); // A.5.1.2.1: application server process
            w.writeEndElement();
            objects(w, e);
            w.writeEndElement();
            w.writeEndDocument();
            w.close();
        } catch (XMLStreamException x) {
            throw new IllegalStateException("cannot write audit message: " + x.getMessage(), x);
        }
        return out.toString();
    }

    private static void eventIdentification(XMLStreamWriter w, AuditEvent e) throws XMLStreamException {
        w.writeStartElement("EventIdentification");
        w.writeAttribute("EventActionCode", e.type().action());
        w.writeAttribute("EventDateTime", e.at().toString());
        w.writeAttribute("EventOutcomeIndicator", e.outcome().code());
        code(w, "EventID", e.type().eventId());
        if (e.type().eventType() != null) {
            code(w, "EventTypeCode", e.type().eventType());
        }
        if (e.description() != null && !e.description().isBlank()) {
            w.writeStartElement("EventOutcomeDescription");
            w.writeCharacters(e.description());
            w.writeEndElement();
        }
        w.writeEndElement();
    }

    private void participants(XMLStreamWriter w, AuditEvent e) throws XMLStreamException {
        boolean dicom = e.calledAeTitle() != null;
        switch (e.type()) {
            case APPLICATION_START, APPLICATION_STOP -> {
                node(w, source.aeTitle(), false, CodedValue.ROLE_APPLICATION);
                participant(w, e.actor(), null, true, e.remoteAddress(), CodedValue.ROLE_APPLICATION_LAUNCHER);
            }
            default -> {
                // the requestor first: the calling AE (DICOM) or the user (REST, UI)
                participant(w, e.actor(), null, true, e.remoteAddress(), dicom ? CodedValue.ROLE_SOURCE : null);
                node(w, dicom ? e.calledAeTitle() : source.aeTitle(), false,
                        dicom ? CodedValue.ROLE_DESTINATION : CodedValue.ROLE_APPLICATION);
            }
        }
    }

    private void node(XMLStreamWriter w, String userId, boolean requestor, CodedValue role) throws XMLStreamException {
        w.writeStartElement("ActiveParticipant");
        w.writeAttribute("UserID", userId);
        w.writeAttribute("AlternativeUserID", source.processId());
        w.writeAttribute("UserIsRequestor", Boolean.toString(requestor));
        w.writeAttribute("NetworkAccessPointID", source.hostName());
        w.writeAttribute("NetworkAccessPointTypeCode", "1");
        code(w, "RoleIDCode", role);
        w.writeEndElement();
    }

    private static void participant(XMLStreamWriter w, String userId, String alternative, boolean requestor,
            String address, CodedValue role) throws XMLStreamException {
        w.writeStartElement("ActiveParticipant");
        w.writeAttribute("UserID", userId);
        if (alternative != null) {
            w.writeAttribute("AlternativeUserID", alternative);
        }
        w.writeAttribute("UserIsRequestor", Boolean.toString(requestor));
        if (address != null && !address.isBlank()) {
            w.writeAttribute("NetworkAccessPointID", address);
            w.writeAttribute("NetworkAccessPointTypeCode", "2");
        }
        if (role != null) {
            code(w, "RoleIDCode", role);
        }
        w.writeEndElement();
    }

    private static void objects(XMLStreamWriter w, AuditEvent e) throws XMLStreamException {
        String kind = e.objectKind();
        String id = e.objectId();
        if (kind != null && id != null && !id.isBlank()) {
            switch (kind) {
                case "study" -> study(w, id, e.instances());
                case "state" -> object(w, "2", "7", CodedValue.STATE, id, id);
                case "comparison" -> object(w, "2", "3", CodedValue.COMPARISON, id, id);
                case "account" -> object(w, "1", "11", CodedValue.USER_IDENTIFIER, id, id);
                case "export" -> query(w, id, e.description());
                default -> object(w, "2", "13", URI, id, id);
            }
        }
        if (e.patientId() != null && !e.patientId().isBlank()) {
            object(w, "1", "1", CodedValue.PATIENT_NUMBER, e.patientId(), e.patientId());
        }
    }

    private static void object(XMLStreamWriter w, String type, String role, CodedValue idType, String id, String name)
            throws XMLStreamException {
        start(w, type, role, idType, id);
        w.writeStartElement("ParticipantObjectName");
        w.writeCharacters(name);
        w.writeEndElement();
        w.writeEndElement();
    }

    private static void start(XMLStreamWriter w, String type, String role, CodedValue idType, String id)
            throws XMLStreamException {
        w.writeStartElement("ParticipantObjectIdentification");
        w.writeAttribute("ParticipantObjectID", id);
        w.writeAttribute("ParticipantObjectTypeCode", type);
        w.writeAttribute("ParticipantObjectTypeCodeRole", role);
        code(w, "ParticipantObjectIDTypeCode", idType);
    }

    /** A.5.3.4: the study, its SOP classes with their number of instances and the instance UIDs. */
    private static void study(XMLStreamWriter w, String studyUid, List<AuditEvent.Instance> instances)
            throws XMLStreamException {
        start(w, "2", "3", CodedValue.STUDY_INSTANCE_UID, studyUid);
        w.writeStartElement("ParticipantObjectName");
        w.writeCharacters(studyUid);
        w.writeEndElement();
        Map<String, List<String>> byClass = new LinkedHashMap<>();
        for (AuditEvent.Instance i : instances) {
            byClass.computeIfAbsent(i.sopClassUid() == null ? "" : i.sopClassUid(), k -> new ArrayList<>())
                    .add(i.sopInstanceUid());
        }
        if (!byClass.isEmpty()) {
            w.writeStartElement("ParticipantObjectDescription");
            for (Map.Entry<String, List<String>> c : byClass.entrySet()) {
                w.writeStartElement("SOPClass");
                if (!c.getKey().isEmpty()) {
                    w.writeAttribute("UID", c.getKey());
                }
                w.writeAttribute("NumberOfInstances", Integer.toString(c.getValue().size()));
                for (String uid : c.getValue()) {
                    w.writeEmptyElement("Instance");
                    w.writeAttribute("UID", uid == null ? "" : uid);
                }
                w.writeEndElement();
            }
            w.writeEndElement();
        }
        w.writeEndElement();
    }

    /** A.5.3.10: the C-FIND's SOP class, the query itself (base64) and the ROIS asked. */
    private static void query(XMLStreamWriter w, String rois, String request) throws XMLStreamException {
        start(w, "2", "24", CodedValue.SOP_CLASS_UID, UIDs.StudyRootQueryRetrieveInformationModelFind);
        w.writeStartElement("ParticipantObjectQuery");
        w.writeCharacters(base64(request == null ? "" : request));
        w.writeEndElement();
        w.writeEmptyElement("ParticipantObjectDetail");
        w.writeAttribute("type", "ROIS");
        w.writeAttribute("value", base64(rois));
        w.writeEndElement();
    }

    private static String base64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static void code(XMLStreamWriter w, String element, CodedValue c) throws XMLStreamException {
        w.writeEmptyElement(element);
        w.writeAttribute("csd-code", c.code());
        w.writeAttribute("codeSystemName", c.scheme());
        w.writeAttribute("originalText", c.meaning());
    }
}
