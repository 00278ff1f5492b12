package org.tideline.server.bank;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.tideline.server.ApiException;

/**
 * The kinds of signal a bank entry carries: PDQ for near-duplicate images, and the cryptographic digests for
 * exact copies. Names are HMA's ({@code pdq}, {@code md5}, ...), so HMA clients can pass them unchanged.
 */
public enum SignalType {
    PDQ("pdq", 64, true),
    MD5("md5", 32, false),
    SHA1("sha1", 40, false),
    SHA256("sha256", 64, false);

    /** A PDQ hash is a perceptual match at this distance or closer unless a bank says otherwise (HMA's default). */
    public static final int DEFAULT_PDQ_THRESHOLD = 31;
    /** PDQ hashes below this quality describe near-flat images and match too much; refused unless forced. */
    public static final int MIN_PDQ_QUALITY = 50;

    private final String label;
    private final int hexLength;
    private final boolean perceptual;

    SignalType(String label, int hexLength, boolean perceptual) {
        this.label = label;
        this.hexLength = hexLength;
        this.perceptual = perceptual;
    }

    public String label() {
        return label;
    }

    public boolean perceptual() {
        return perceptual;
    }

    public static Optional<SignalType> find(String label) {
        if (label == null) {
            return Optional.empty();
        }
        String normal = label.trim().toLowerCase(Locale.ROOT);
        if (normal.equals("video_md5")) {
            return Optional.of(MD5);
        }
        return Arrays.stream(values()).filter(t -> t.label.equals(normal)).findFirst();
    }

    /** Parses a signal type name or throws a 400 naming the accepted ones. */
    public static SignalType parse(String label) {
        return find(label).orElseThrow(() -> ApiException.invalid(
                "unknown signal type '" + label + "'; expected one of " + labels()));
    }

    /**
     * Why a PDQ hash of this quality is not trusted for matching, or empty when it is (or when {@code force}). One
     * wording for every route: a near-flat image's hash matches far too much.
     */
    public static java.util.Optional<String> lowQualityProblem(int quality, boolean force) {
        if (force || quality >= MIN_PDQ_QUALITY) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of("PDQ quality " + quality + " is under " + MIN_PDQ_QUALITY
                + " (a near-flat image): such hashes match too much; pass force=true to use it anyway");
    }

    /** Throws a 400 when {@link #lowQualityProblem} finds one. */
    public static void requireTrustedQuality(int quality, boolean force) {
        lowQualityProblem(quality, force).ifPresent(problem -> {
            throw ApiException.invalid(problem);
        });
    }

    public static String labels() {
        return Arrays.stream(values()).map(SignalType::label).collect(Collectors.joining(", "));
    }

    /**
     * Checks and normalises a hash in hex: trimmed, lower-case, exactly the right length, not all zeros (an
     * all-zero hash is what a broken hasher emits, and a PDQ of zeros matches every flat image).
     */
    public String normalise(String value) {
        String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        if (v.length() != hexLength) {
            throw ApiException.invalid(label + " signal must be " + hexLength + " hex digits, got " + v.length());
        }
        boolean allZero = true;
        for (int i = 0; i < v.length(); i++) {
            char ch = v.charAt(i);
            if (!((ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f'))) {
                throw ApiException.invalid(label + " signal must be hexadecimal; found '" + ch + "' at " + i);
            }
            allZero &= ch == '0';
        }
        if (allZero) {
            throw ApiException.invalid(label + " signal is all zeros, which no real content produces");
        }
        return v;
    }
}
