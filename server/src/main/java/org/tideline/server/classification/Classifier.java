package org.tideline.server.classification;

import java.time.Clock;
import java.util.List;

/**
 * Derives every scheme's {@link Verdict} from one set of {@link Attributes}: the analyst records what the material
 * shows once, and the classifier says what that means under each scheme, stamped with the scheme's version, the
 * assessor and the time. Thread-safe; rules are pure functions.
 *
 * <p>Sharp edges, identical in every built-in scheme unless noted (docs/classification.md has the full table):
 * <ul>
 *   <li>{@link AgeBand#UNKNOWN} never yields a criminal category: {@code AGE_UNDETERMINED} when the content would
 *       otherwise be categorised (so the item is queued for an age assessment), {@code NOT_BASELINE} for INTERPOL.
 *       A pubertal stage alone never establishes minority.</li>
 *   <li>{@link AgeBand#ADULT} is {@code NOT_IN_SCOPE} (and {@code NOT_BASELINE}), whatever the content and however
 *       young the person looks.</li>
 *   <li>Generated material splits on whether it looks like a photograph, not on the tool. Photorealistic
 *       ({@code COMPUTER_GENERATED}, {@code AI_GENERATED}): IWF treats it as a pseudo-photograph (A/B/C exactly as a
 *       photograph) and the industry scheme as indistinguishable from one (A1..B2); INTERPOL baseline requires a real
 *       child, so it is never baseline. {@code DRAWN}: IWF {@code IWF_PROHIBITED} for a genital focus or a listed
 *       sexual act, else {@code NOT_ILLEGAL}; industry {@code NOT_IN_SCOPE}; never baseline.</li>
 *   <li>{@code selfGenerated} changes no built-in verdict; it is recorded for reporting and routing.</li>
 *   <li>The most severe activity decides: a set holding penetrative activity and erotic posing is IWF A.</li>
 * </ul>
 * Verdicts from one call share one instant, truncated to microseconds so that a verdict read back from PostgreSQL
 * (microsecond timestamps) equals the one written.
 */
public interface Classifier {

    /** The built-in schemes, in {@link Scheme} order. */
    static Classifier standard(Clock clock) {
        return of(clock, List.of(Scheme.values()));
    }

    /**
     * A classifier for {@code rules}, in that order: typically the {@link Scheme} values plus a deployment's national
     * rule(s).
     *
     * @throws IllegalArgumentException when no rule is given, two share a name, or a rule has a blank name or version
     *                                  or no outcomes
     */
    static Classifier of(Clock clock, List<? extends VerdictRule> rules) {
        return new RuleClassifier(clock, rules);
    }

    /** The rules applied, in the order their verdicts are returned. */
    List<VerdictRule> rules();

    /**
     * One verdict per rule, in {@link #rules()} order.
     *
     * @param assessor who recorded {@code attributes}: a user id, not blank
     * @throws IllegalArgumentException for a blank assessor
     * @throws IllegalStateException    when a rule returns a value outside its {@link VerdictRule#outcomes()}
     */
    List<Verdict> classify(Attributes attributes, String assessor);
}
