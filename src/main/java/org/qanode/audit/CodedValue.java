package org.qanode.audit;

/**
 * A coded value of an audit message (PS3.15 A.5.1 CodedValueType): code, coding scheme and
 * meaning. The DICOM ones are from PS3.16 (scheme DCM, context groups 400-405); patient numbers
 * use RFC 3881's; qanode's own objects (states, comparisons) use the local scheme
 * {@code 99QANODE} (PS3.16 8.2: a "99" prefix marks a private coding scheme).
 */
public record CodedValue(String code, String scheme, String meaning) {
    static CodedValue dcm(String code, String meaning) {
        return new CodedValue(code, "DCM", meaning);
    }

    // Audit Event ID, PS3.16 CID 400
    static final CodedValue APPLICATION_ACTIVITY = dcm("110100", "Application Activity");
    static final CodedValue AUDIT_LOG_USED = dcm("110101", "Audit Log Used");
    static final CodedValue INSTANCES_ACCESSED = dcm("110103", "DICOM Instances Accessed");
    static final CodedValue INSTANCES_TRANSFERRED = dcm("110104", "DICOM Instances Transferred");
    static final CodedValue STUDY_DELETED = dcm("110105", "DICOM Study Deleted");
    static final CodedValue QUERY = dcm("110112", "Query");
    static final CodedValue SECURITY_ALERT = dcm("110113", "Security Alert");
    static final CodedValue USER_AUTHENTICATION = dcm("110114", "User Authentication");

    // Audit Event Type Code, PS3.16 CID 401
    static final CodedValue APPLICATION_START = dcm("110120", "Application Start");
    static final CodedValue APPLICATION_STOP = dcm("110121", "Application Stop");
    static final CodedValue LOGIN = dcm("110122", "Login");
    static final CodedValue LOGOUT = dcm("110123", "Logout");
    static final CodedValue NODE_AUTHENTICATION = dcm("110126", "Node Authentication");
    static final CodedValue SOFTWARE_CONFIGURATION = dcm("110131", "Software Configuration");
    static final CodedValue USER_SECURITY_ATTRIBUTES_CHANGED = dcm("110137", "User Security Attributes Changed");

    // Audit Active Participant Role ID Code, PS3.16 CID 402
    static final CodedValue ROLE_APPLICATION = dcm("110150", "Application");
    static final CodedValue ROLE_APPLICATION_LAUNCHER = dcm("110151", "Application Launcher");
    static final CodedValue ROLE_DESTINATION = dcm("110152", "Destination Role ID");
    static final CodedValue ROLE_SOURCE = dcm("110153", "Source Role ID");

    // Audit Participant Object ID Type Code, PS3.16 CID 404 and RFC 3881
    static final CodedValue STUDY_INSTANCE_UID = dcm("110180", "Study Instance UID");
    static final CodedValue SOP_CLASS_UID = dcm("110181", "SOP Class UID");
    static final CodedValue NODE_ID = dcm("110182", "Node ID");
    static final CodedValue PATIENT_NUMBER = new CodedValue("2", "RFC-3881", "Patient Number");
    static final CodedValue USER_IDENTIFIER = new CodedValue("11", "RFC-3881", "User Identifier");
    static final CodedValue STATE = new CodedValue("STATE", "99QANODE", "qanode state");
    static final CodedValue COMPARISON = new CodedValue("COMPARISON", "99QANODE", "qanode comparison");
}
