package org.qanode.app;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** A peer written {@code host:port}, as on the command lines of dcmtk and qanode. */
record HostPort(String host, int port) {

    static final class Converter implements ITypeConverter<HostPort> {
        @Override
        public HostPort convert(String value) {
            int colon = value.lastIndexOf(':');
            if (colon <= 0 || colon == value.length() - 1) {
                throw new TypeConversionException("expected host:port, got '" + value + "'");
            }
            try {
                int port = Integer.parseInt(value.substring(colon + 1));
                if (port < 1 || port > 65535) {
                    throw new TypeConversionException("port out of range in '" + value + "'");
                }
                return new HostPort(value.substring(0, colon), port);
            } catch (NumberFormatException e) {
                throw new TypeConversionException("expected host:port, got '" + value + "'");
            }
        }
    }

    @Override
    public String toString() {
        return host + ":" + port;
    }
}
