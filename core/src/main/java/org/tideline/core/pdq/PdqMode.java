package org.tideline.core.pdq;

import java.util.Arrays;
import java.util.Locale;

/**
 * The two PDQ conventions in the wild. They differ by a few bits on the same image (mean 4.5, max ~12 on Meta's
 * test images), so a hash list must be matched with the convention it was made in.
 */
public enum PdqMode {
    /**
     * Canonical: luminance and the Jarosz filter run on the full decoded image, as Meta's Java port and
     * python-threatexchange (and therefore HMA) do.
     */
    FULL("full"),
    /**
     * Compatibility with Meta's C++ CLI {@code pdq-photo-hasher} and its WASM build: an image larger than 512 in
     * either dimension is first resized to exactly 512x512 by nearest neighbour (aspect ratio not kept).
     */
    COMPAT_512("512");

    private final String label;

    PdqMode(String label) {
        this.label = label;
    }

    /** The name used on the command line and in APIs: {@code full} or {@code 512}. */
    public String label() {
        return label;
    }

    public static PdqMode fromLabel(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        for (PdqMode m : values()) {
            if (m.label.equals(t) || m.name().toLowerCase(Locale.ROOT).equals(t)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown PDQ mode '" + text + "'; expected one of "
                + Arrays.stream(values()).map(PdqMode::label).toList());
    }
}
