package org.tideline.server.bank;

import java.util.Optional;
import java.util.Set;

/**
 * Settings to create a bank with, or to change (each empty field is left as it is).
 *
 * @param sharedWith organisation names, used when sharing is {@link Sharing#ORGANISATIONS}
 */
public record BankSettings(
        Optional<String> name,
        Optional<Sharing> sharing,
        Optional<Set<String>> sharedWith,
        Optional<Double> enabledRatio,
        Optional<Integer> pdqThreshold,
        Optional<Boolean> negative,
        Optional<Set<SignalType>> disabledSignalTypes) {

    public static BankSettings named(String name) {
        return none().withName(name);
    }

    public static BankSettings none() {
        return new BankSettings(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty());
    }

    public BankSettings withName(String value) {
        return new BankSettings(Optional.of(value), sharing, sharedWith, enabledRatio, pdqThreshold, negative,
                disabledSignalTypes);
    }

    public BankSettings withSharing(Sharing value, Set<String> organisations) {
        return new BankSettings(name, Optional.of(value), Optional.of(Set.copyOf(organisations)), enabledRatio,
                pdqThreshold, negative, disabledSignalTypes);
    }

    public BankSettings withEnabledRatio(double value) {
        return new BankSettings(name, sharing, sharedWith, Optional.of(value), pdqThreshold, negative,
                disabledSignalTypes);
    }

    public BankSettings withPdqThreshold(int value) {
        return new BankSettings(name, sharing, sharedWith, enabledRatio, Optional.of(value), negative,
                disabledSignalTypes);
    }

    public BankSettings withNegative(boolean value) {
        return new BankSettings(name, sharing, sharedWith, enabledRatio, pdqThreshold, Optional.of(value),
                disabledSignalTypes);
    }

    public BankSettings withDisabledSignalTypes(Set<SignalType> value) {
        return new BankSettings(name, sharing, sharedWith, enabledRatio, pdqThreshold, negative,
                Optional.of(Set.copyOf(value)));
    }
}
