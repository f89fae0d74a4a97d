package com.evplatform.simulator.cli;

import java.util.Locale;

import com.evplatform.simulator.RemoteStartBehaviour;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Maps {@code accept|reject|never-start|late} to a {@link RemoteStartBehaviour}. */
public final class RemoteStartConverter implements ITypeConverter<RemoteStartBehaviour> {

    static final String VALUES = "accept, reject, never-start, late";

    @Override
    public RemoteStartBehaviour convert(String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "accept" -> RemoteStartBehaviour.ACCEPT;
            case "reject" -> RemoteStartBehaviour.REJECT;
            case "never-start" -> RemoteStartBehaviour.ACCEPT_NEVER_START;
            case "late" -> RemoteStartBehaviour.ACCEPT_START_LATE;
            default -> throw new TypeConversionException("'" + value + "' is not one of " + VALUES);
        };
    }
}
