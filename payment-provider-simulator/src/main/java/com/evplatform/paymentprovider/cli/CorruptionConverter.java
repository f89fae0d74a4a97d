package com.evplatform.paymentprovider.cli;

import com.evplatform.paymentprovider.Corruption;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads {@code --corrupt} by the corruptions' option names ({@code wrong-secret}, {@code stale}, ...). */
final class CorruptionConverter implements ITypeConverter<Corruption> {

    @Override
    public Corruption convert(String value) {
        try {
            return Corruption.fromOptionName(value.strip());
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
