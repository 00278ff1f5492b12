package org.tideline.server.classification;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A national-law scheme written as text, so a hotline can state its own law in its settings file instead of in Java.
 * Each rule line reads {@code OUTCOME when CONDITION [and CONDITION ...]}; rules are tried in order, the first whose
 * conditions all hold gives the verdict, and when none does the default outcome is the verdict.
 *
 * <p>Conditions (keywords and enum values in any case; values separated by {@code |}):
 * <ul>
 *   <li>{@code age in A|B} ({@link AgeBand} names), or {@code minor}: every band that {@link AgeBand#isMinor()};</li>
 *   <li>{@code stage in A|B} ({@link PubertalStage} names);</li>
 *   <li>{@code activity in A|B}: the material shows any of these {@link Activity} values; {@code sexual-activity}: it
 *       shows any {@link Activity#isSexualActivity()}; {@code no-activity}: it shows none;</li>
 *   <li>{@code depiction in A|B} ({@link Depiction} names);</li>
 *   <li>{@code self-generated}, {@code not self-generated}.</li>
 * </ul>
 * A rule constrains each attribute at most once ({@code age in A and age in B} reads as "or" to most people but would
 * mean "and", so it is refused), and {@code no-activity} with another activity condition, which can never hold, is
 * refused too.
 *
 * <p>Sharp edge: {@link AgeBand#UNKNOWN} matches only a rule that names it in {@code age in ...}. {@code minor} leaves
 * it out, and a rule with no age condition matches every band <em>except</em> {@code UNKNOWN}, so an undeterminable
 * age never falls into a criminal category by omission; it falls through to the default instead. Like the built-in
 * schemes, start with {@code AGE_UNDETERMINED when age in UNKNOWN} (narrowed by content if you wish, e.g.
 * {@code and sexual-activity}) so such items are queued for an age assessment rather than given the default.
 * {@code ADULT} has no such protection: a rule without an age condition matches adults, so give content rules an age
 * condition ({@code minor}) or put them after {@code NOT_IN_SCOPE when age in ADULT}.
 *
 * <p>Names and outcomes are upper-case identifiers ({@code [A-Z][A-Z0-9_]*}) of at most 40 characters, the width of
 * the verdict columns; reuse the shared values ({@link Verdict#NOT_IN_SCOPE}, {@link Verdict#AGE_UNDETERMINED},
 * {@link Verdict#NOT_ILLEGAL}) where they mean the same thing. See docs/classification.md.
 */
public final class ConfiguredRule implements VerdictRule {

    /** Rules per scheme: far more than a penal code needs, few enough that a runaway generator is caught. */
    public static final int MAX_RULES = 200;
    /** Characters per rule line. */
    public static final int MAX_LINE_LENGTH = 1_000;
    /** Width of the scheme, version and value columns that verdicts are stored in. */
    static final int MAX_NAME_LENGTH = 40;

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Z][A-Z0-9_]*");
    private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final Pattern WHEN = Pattern.compile("\\s+when\\s+", Pattern.CASE_INSENSITIVE);
    private static final Pattern AND = Pattern.compile("\\s+and\\s+", Pattern.CASE_INSENSITIVE);
    private static final Set<AgeBand> KNOWN_AGES = EnumSet.complementOf(EnumSet.of(AgeBand.UNKNOWN));

    private final String name;
    private final String version;
    private final List<Clause> clauses;
    private final String defaultOutcome;
    private final Set<String> outcomes;

    private record Clause(String outcome, List<RuleCondition> conditions) {
        boolean matches(Attributes a) {
            return conditions.stream().allMatch(c -> c.test(a));
        }
    }

    private ConfiguredRule(String name, String version, List<Clause> clauses, String defaultOutcome) {
        this.name = name;
        this.version = version;
        this.clauses = List.copyOf(clauses);
        this.defaultOutcome = defaultOutcome;
        Set<String> all = new LinkedHashSet<>();
        clauses.forEach(c -> all.add(c.outcome()));
        all.add(defaultOutcome);
        this.outcomes = Collections.unmodifiableSet(all);
    }

    /**
     * Parses a scheme.
     *
     * @param name           stored with every verdict; an identifier, not one of the {@link Scheme} names
     * @param version        bump it whenever a rule changes, e.g. {@code cp-2024.1}: letters, digits, {@code . _ -}
     * @param ruleLines      1 to {@link #MAX_RULES} rules, first match wins
     * @param defaultOutcome the verdict when no rule matches
     * @throws InvalidRuleException naming the part (and the rule line, counted from 1) and the problem
     */
    public static ConfiguredRule parse(String name, String version, List<String> ruleLines, String defaultOutcome) {
        Objects.requireNonNull(ruleLines, "ruleLines");
        requireIdentifier(name, InvalidRuleException.Part.NAME, "name");
        if (Arrays.stream(Scheme.values()).anyMatch(s -> s.name().equals(name))) {
            throw new InvalidRuleException(InvalidRuleException.Part.NAME, 0,
                    "name " + name + " is a built-in scheme; choose another, e.g. with a country prefix");
        }
        if (version == null || version.length() > MAX_NAME_LENGTH || !VERSION.matcher(version).matches()) {
            throw new InvalidRuleException(InvalidRuleException.Part.VERSION, 0, "version must be 1 to "
                    + MAX_NAME_LENGTH + " letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        requireIdentifier(defaultOutcome, InvalidRuleException.Part.DEFAULT, "default outcome");
        if (ruleLines.isEmpty() || ruleLines.size() > MAX_RULES) {
            throw new InvalidRuleException(InvalidRuleException.Part.RULE, 0,
                    "a scheme needs 1 to " + MAX_RULES + " rules, not " + ruleLines.size());
        }
        List<Clause> clauses = new ArrayList<>();
        for (int i = 0; i < ruleLines.size(); i++) {
            try {
                clauses.add(clause(Objects.requireNonNull(ruleLines.get(i), "rule line")));
            } catch (IllegalArgumentException e) {
                throw new InvalidRuleException(InvalidRuleException.Part.RULE, i + 1, e.getMessage());
            }
        }
        return new ConfiguredRule(name, version, clauses, defaultOutcome);
    }

    private static Clause clause(String line) {
        if (line.length() > MAX_LINE_LENGTH) {
            throw new IllegalArgumentException("longer than " + MAX_LINE_LENGTH + " characters");
        }
        String[] parts = WHEN.split(line.trim(), 2);
        if (parts.length < 2) {
            throw new IllegalArgumentException("expected 'OUTCOME when CONDITION [and CONDITION ...]'");
        }
        String outcome = parts[0];
        if (outcome.length() > MAX_NAME_LENGTH || !IDENTIFIER.matcher(outcome).matches()) {
            throw new IllegalArgumentException("outcome must be an upper-case identifier ([A-Z][A-Z0-9_]*) of at most "
                    + MAX_NAME_LENGTH + " characters");
        }
        List<RuleCondition> conditions = new ArrayList<>();
        Set<String> kinds = new HashSet<>();
        for (String text : AND.split(parts[1], -1)) {
            RuleCondition condition = RuleCondition.parse(text);
            if (!kinds.add(condition.kind())) {
                throw new IllegalArgumentException("two '" + condition.kind()
                        + "' conditions; list the values in one ('in A|B' means either)");
            }
            conditions.add(condition);
        }
        if (kinds.contains("no-activity") && (kinds.contains("activity") || kinds.contains("sexual-activity"))) {
            throw new IllegalArgumentException("'no-activity' with another activity condition can never hold");
        }
        if (!kinds.contains("age")) {
            conditions.add(new RuleCondition.AgeIn(KNOWN_AGES)); // UNKNOWN only when named: see the class comment
        }
        return new Clause(outcome, List.copyOf(conditions));
    }

    private static void requireIdentifier(String value, InvalidRuleException.Part part, String what) {
        if (value == null || value.length() > MAX_NAME_LENGTH || !IDENTIFIER.matcher(value).matches()) {
            throw new InvalidRuleException(part, 0, what + " must be an upper-case identifier ([A-Z][A-Z0-9_]*) of at"
                    + " most " + MAX_NAME_LENGTH + " characters");
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String version() {
        return version;
    }

    /** Every rule's outcome, in rule order without repeats, then the default. */
    @Override
    public Set<String> outcomes() {
        return outcomes;
    }

    @Override
    public String derive(Attributes attributes) {
        Objects.requireNonNull(attributes, "attributes");
        for (Clause clause : clauses) {
            if (clause.matches(attributes)) {
                return clause.outcome();
            }
        }
        return defaultOutcome;
    }

    @Override
    public String toString() {
        return "ConfiguredRule[" + name + " " + version + ", " + clauses.size() + " rules, default " + defaultOutcome
                + "]";
    }

    /**
     * A scheme that cannot be parsed: which part is wrong, which rule line for a rule, and why, so that a settings
     * file can name its own key rather than a line number the operator never wrote.
     */
    public static final class InvalidRuleException extends IllegalArgumentException {
        /** The part of the scheme at fault. */
        public enum Part { NAME, VERSION, RULE, DEFAULT }

        private final Part part;
        private final int line;
        private final String problem;

        InvalidRuleException(Part part, int line, String problem) {
            super((line > 0 ? "rule " + line : part.name().toLowerCase(Locale.ROOT)) + ": " + problem);
            this.part = part;
            this.line = line;
            this.problem = problem;
        }

        public Part part() {
            return part;
        }

        /** The rule line at fault, counted from 1; 0 when the fault is in no one line (the name, the rule count). */
        public int line() {
            return line;
        }

        /** The problem, without its location. */
        public String problem() {
            return problem;
        }
    }
}
