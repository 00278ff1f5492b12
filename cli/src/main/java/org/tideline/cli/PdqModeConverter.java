package org.tideline.cli;

import org.tideline.core.pdq.PdqMode;
import picocli.CommandLine.ITypeConverter;

/** Accepts {@code full} and {@code 512} (the labels users see) for {@link PdqMode}. */
final class PdqModeConverter implements ITypeConverter<PdqMode> {
    @Override
    public PdqMode convert(String value) {
        return PdqMode.fromLabel(value);
    }
}
