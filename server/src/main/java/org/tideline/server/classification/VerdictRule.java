package org.tideline.server.classification;

import java.util.Set;

/**
 * One classification scheme as a pure function of {@link Attributes}. The built-in schemes are the constants of
 * {@link Scheme}; a deployment adds a national law by implementing this interface and passing it to
 * {@link Classifier#of}. An implementation must be deterministic and keyed on attributes alone, so that stored
 * attributes can be re-derived at any time and give the same verdict for the same {@link #version()}.
 */
public interface VerdictRule {

    /** Stable identifier stored with each verdict, e.g. {@code INDUSTRY}, {@code NL_SR_252}. Unique per classifier. */
    String name();

    /**
     * The version of this rule: change it whenever {@link #derive} can give a different answer, so every stored verdict
     * names the rule that produced it. The built-ins use {@code <edition of the standard>.<revision of the mapping>}.
     */
    String version();

    /** Every value {@link #derive} can return; a classifier refuses any other (a DB check constraint can use this too). */
    Set<String> outcomes();

    /** This scheme's verdict value for {@code attributes}, one of {@link #outcomes()}. */
    String derive(Attributes attributes);
}
