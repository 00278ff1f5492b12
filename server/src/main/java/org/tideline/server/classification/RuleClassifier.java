package org.tideline.server.classification;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Applies a fixed list of rules. Each rule's outcomes are copied once and every derived value is checked against
 * them, because a deployment's own rule returning a stray string would otherwise be stored as a verdict.
 */
final class RuleClassifier implements Classifier {
    private final Clock clock;
    private final List<VerdictRule> rules;
    private final List<Set<String>> outcomes;

    RuleClassifier(Clock clock, List<? extends VerdictRule> rules) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.rules = List.copyOf(rules);
        if (this.rules.isEmpty()) {
            throw new IllegalArgumentException("a classifier needs at least one rule");
        }
        Set<String> names = new HashSet<>();
        List<Set<String>> outcomes = new ArrayList<>();
        for (VerdictRule rule : this.rules) {
            Verdict.requireText(rule.name(), "rule name");
            Verdict.requireText(rule.version(), "version of rule " + rule.name());
            if (!names.add(rule.name())) {
                throw new IllegalArgumentException("two rules are named " + rule.name());
            }
            Set<String> declared = Set.copyOf(rule.outcomes());
            if (declared.isEmpty()) {
                throw new IllegalArgumentException("rule " + rule.name() + " declares no outcomes");
            }
            outcomes.add(declared);
        }
        this.outcomes = List.copyOf(outcomes);
    }

    @Override
    public List<VerdictRule> rules() {
        return rules;
    }

    @Override
    public List<Verdict> classify(Attributes attributes, String assessor) {
        Objects.requireNonNull(attributes, "attributes");
        Verdict.requireText(assessor, "assessor");
        Instant assessedAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
        List<Verdict> verdicts = new ArrayList<>(rules.size());
        for (int i = 0; i < rules.size(); i++) {
            VerdictRule rule = rules.get(i);
            verdicts.add(new Verdict(rule.name(), rule.version(), checked(rule, outcomes.get(i), rule.derive(attributes)),
                    assessor, assessedAt));
        }
        return List.copyOf(verdicts);
    }

    private static String checked(VerdictRule rule, Set<String> declared, String value) {
        if (value == null || !declared.contains(value)) {
            throw new IllegalStateException("rule " + rule.name() + " " + rule.version()
                    + " returned a value outside its declared outcomes " + declared.stream().sorted().toList());
        }
        return value;
    }
}
