package org.tideline.server.classification;

import java.util.Set;
import java.util.function.Function;

/**
 * The schemes Tideline derives out of the box. Each constant is a {@link VerdictRule}; the derivation itself lives in
 * a package-private class per scheme, whose comment gives the rule and its sources. See docs/classification.md.
 */
public enum Scheme implements VerdictRule {
    /** Tech Coalition industry classification (2022), used with NCMEC: A1, A2, B1, B2. See {@code IndustryRule}. */
    INDUSTRY("tc-2022.1", IndustryRule.OUTCOMES, IndustryRule::derive),
    /** IWF: UK Sentencing Council categories A, B, C (2014) and prohibited images (CJA 2009 s.62). See {@code IwfRule}. */
    IWF("sc-2014.1", IwfRule.OUTCOMES, IwfRule::derive),
    /** INTERPOL's baseline: illegal in any country. See {@code InterpolBaselineRule}. */
    INTERPOL_BASELINE("baseline.1", InterpolBaselineRule.OUTCOMES, InterpolBaselineRule::derive);

    private final String version;
    private final Set<String> outcomes;
    private final Function<Attributes, String> rule;

    Scheme(String version, Set<String> outcomes, Function<Attributes, String> rule) {
        this.version = version;
        this.outcomes = outcomes;
        this.rule = rule;
    }

    @Override
    public String version() {
        return version;
    }

    @Override
    public Set<String> outcomes() {
        return outcomes;
    }

    @Override
    public String derive(Attributes attributes) {
        return rule.apply(attributes);
    }
}
