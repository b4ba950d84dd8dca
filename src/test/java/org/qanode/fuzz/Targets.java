package org.qanode.fuzz;

import java.util.List;
import java.util.function.Supplier;

/** The four fuzz targets of issue 11, by name. A new instance per run: targets keep scratch state. */
public final class Targets {
    public static final List<String> NAMES = List.of("pdu", "dimse", "part10", "json");

    private Targets() {
    }

    public static FuzzTarget create(String name) {
        Supplier<FuzzTarget> s = switch (name) {
            case "pdu" -> PduTarget::new;
            case "dimse" -> DimseTarget::new;
            case "part10" -> Part10Target::new;
            case "json" -> JsonTarget::new;
            default -> throw new IllegalArgumentException("no fuzz target " + name + "; one of " + NAMES);
        };
        return s.get();
    }
}
