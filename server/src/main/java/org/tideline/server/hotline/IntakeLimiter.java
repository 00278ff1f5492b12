package org.tideline.server.hotline;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Limits how many public reports one reporter can file a day without ever knowing who the reporter is. The
 * reporter's address is hashed with a random salt that exists only in this object's memory and is replaced every
 * day (and on every restart); the counts are kept only in memory too. So neither the database, nor the logs, nor a
 * memory dump taken tomorrow can link a report to an address: a reporter's anonymity does not depend on anyone's
 * discipline.
 */
final class IntakeLimiter {

    private final Clock clock;
    private final int perDay;
    private final SecureRandom random = new SecureRandom();
    private volatile Day day;

    private record Day(LocalDate date, byte[] salt, ConcurrentHashMap<String, AtomicInteger> counts) {}

    IntakeLimiter(Clock clock, int perDay) {
        this.clock = clock;
        this.perDay = perDay;
    }

    /** Counts one report from {@code address}; false when that address has used up today's allowance. */
    boolean tryAcquire(String address) {
        Day today = today();
        String key = fingerprint(today.salt(), address == null ? "" : address);
        return today.counts().computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet() <= perDay;
    }

    private Day today() {
        LocalDate date = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        Day current = day;
        if (current == null || !current.date().equals(date)) {
            synchronized (this) {
                current = day;
                if (current == null || !current.date().equals(date)) {
                    byte[] salt = new byte[32];
                    random.nextBytes(salt);
                    current = new Day(date, salt, new ConcurrentHashMap<>());
                    day = current;
                }
            }
        }
        return current;
    }

    private static String fingerprint(byte[] salt, String address) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(salt);
            sha.update(address.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest(), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
