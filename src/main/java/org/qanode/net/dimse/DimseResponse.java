package org.qanode.net.dimse;

import org.qanode.dicom.Dataset;

/** A response command with its data set (a C-FIND identifier, say), or null when it has none. */
public record DimseResponse(Command command, Dataset dataSet) {

    public int status() {
        return command.status();
    }

    public boolean pending() {
        return DimseStatus.isPending(command.status());
    }
}
