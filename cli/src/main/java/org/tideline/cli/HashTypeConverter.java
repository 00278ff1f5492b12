package org.tideline.cli;

import org.tideline.core.index.HashType;
import picocli.CommandLine.ITypeConverter;

/** Accepts {@code pdq}, {@code md5}, {@code sha1} and {@code sha256} for {@code --type}. */
final class HashTypeConverter implements ITypeConverter<HashType<?>> {
    @Override
    public HashType<?> convert(String value) {
        return HashType.named(value);
    }
}
