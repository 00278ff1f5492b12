package org.tideline.core.image;

import java.lang.foreign.Arena;
import java.lang.foreign.SymbolLookup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Finds and binds an optional system library for a decoder: {@code -Dtideline.NAME=false} turns it off,
 * {@code -Dtideline.NAME.path=...} names the file, otherwise the usual Linux locations are tried. Any failure
 * (library absent, native access not enabled, a symbol missing from an incompatible version) means "not
 * available", and the caller falls back to its pure-Java decoder.
 */
final class NativeLibrary {

    private NativeLibrary() {
    }

    static <B> Optional<B> bind(String name, List<String> defaultPaths, Function<SymbolLookup, B> binder) {
        if ("false".equalsIgnoreCase(System.getProperty("tideline." + name))) {
            return Optional.empty();
        }
        String configured = System.getProperty("tideline." + name + ".path");
        List<String> candidates = configured != null ? List.of(configured) : defaultPaths;
        for (String candidate : candidates) {
            if (Files.isReadable(Path.of(candidate))) {
                try {
                    return Optional.of(binder.apply(SymbolLookup.libraryLookup(Path.of(candidate), Arena.global())));
                } catch (RuntimeException | LinkageError e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }
}
