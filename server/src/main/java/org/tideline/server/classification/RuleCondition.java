package org.tideline.server.classification;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One condition of a {@link ConfiguredRule} line, e.g. {@code age in PREPUBESCENT|PUBESCENT} or
 * {@code sexual-activity}. Each kind reads one attribute, so a rule can say nothing the neutral attributes do not
 * record. A closed set: each case is one form the syntax allows.
 */
sealed interface RuleCondition {

    boolean test(Attributes attributes);

    /**
     * Which attribute the condition constrains. A rule may constrain each at most once, because two conditions on the
     * same attribute joined by {@code and} almost always mean "or" to whoever wrote them.
     */
    String kind();

    record AgeIn(Set<AgeBand> bands) implements RuleCondition {
        public boolean test(Attributes a) { return bands.contains(a.ageBand()); }
        public String kind() { return "age"; }
    }

    record StageIn(Set<PubertalStage> stages) implements RuleCondition {
        public boolean test(Attributes a) { return stages.contains(a.pubertalStage()); }
        public String kind() { return "stage"; }
    }

    /** Any of {@code activities} is shown. */
    record ActivityIn(Set<Activity> activities) implements RuleCondition {
        public boolean test(Attributes a) { return a.showsAny(activities); }
        public String kind() { return "activity"; }
    }

    record SexualActivity() implements RuleCondition {
        public boolean test(Attributes a) { return a.showsSexualActivity(); }
        public String kind() { return "sexual-activity"; }
    }

    record NoActivity() implements RuleCondition {
        public boolean test(Attributes a) { return a.activities().isEmpty(); }
        public String kind() { return "no-activity"; }
    }

    record DepictionIn(Set<Depiction> depictions) implements RuleCondition {
        public boolean test(Attributes a) { return depictions.contains(a.depiction()); }
        public String kind() { return "depiction"; }
    }

    record SelfGenerated(boolean expected) implements RuleCondition {
        public boolean test(Attributes a) { return a.selfGenerated() == expected; }
        public String kind() { return "self-generated"; }
    }

    String SYNTAX = "age in A|B, minor, stage in A|B, activity in A|B, sexual-activity, no-activity, depiction in A|B,"
            + " self-generated, not self-generated";

    Pattern LIST = Pattern.compile("(age|stage|activity|depiction)\\s+in\\s+(.*)", Pattern.CASE_INSENSITIVE);

    /**
     * Parses one condition (already trimmed, keywords in any case).
     *
     * @throws IllegalArgumentException stating the problem, with the allowed values for an unknown one
     */
    static RuleCondition parse(String text) {
        String words = text.trim().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
        switch (words) {
            case "" -> throw new IllegalArgumentException("empty condition (a stray 'and'?)");
            case "minor" -> {
                return new AgeIn(minorBands());
            }
            case "sexual-activity" -> {
                return new SexualActivity();
            }
            case "no-activity" -> {
                return new NoActivity();
            }
            case "self-generated" -> {
                return new SelfGenerated(true);
            }
            case "not self-generated" -> {
                return new SelfGenerated(false);
            }
            default -> { }
        }
        Matcher m = LIST.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("unknown condition '" + shorten(text.trim()) + "'; expected one of: "
                    + SYNTAX);
        }
        String values = m.group(2);
        return switch (m.group(1).toLowerCase(Locale.ROOT)) {
            case "age" -> new AgeIn(values(values, AgeBand.class, "age band"));
            case "stage" -> new StageIn(values(values, PubertalStage.class, "pubertal stage"));
            case "activity" -> new ActivityIn(values(values, Activity.class, "activity"));
            default -> new DepictionIn(values(values, Depiction.class, "depiction"));
        };
    }

    /** Every band {@link AgeBand#isMinor()}: never {@code UNKNOWN}, as minority is never inferred. */
    static Set<AgeBand> minorBands() {
        return Arrays.stream(AgeBand.values()).filter(AgeBand::isMinor)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(AgeBand.class)));
    }

    private static <E extends Enum<E>> Set<E> values(String list, Class<E> type, String what) {
        Set<E> found = EnumSet.noneOf(type);
        for (String raw : list.split("\\|", -1)) {
            String value = raw.trim();
            if (value.isEmpty()) {
                throw new IllegalArgumentException("empty " + what + " in a list (values are separated by '|')");
            }
            try {
                found.add(Enum.valueOf(type, value.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown " + what + " '" + shorten(value) + "'; allowed: "
                        + AttributeFields.names(EnumSet.allOf(type)));
            }
        }
        return Collections.unmodifiableSet(found);
    }

    /** The file is the operator's own, so echoing it is safe; a runaway token is still cut to keep logs readable. */
    private static String shorten(String s) {
        return s.length() <= 60 ? s : s.substring(0, 60) + "...";
    }
}
