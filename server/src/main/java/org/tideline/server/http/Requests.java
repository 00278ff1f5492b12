package org.tideline.server.http;

import io.javalin.http.Context;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.tideline.server.ApiException;
import org.tideline.server.access.Caller;
import org.tideline.server.access.Permission;

/** Reading who is calling and what they asked, with clear refusals. */
final class Requests {

    static final String CALLER = "tideline.caller";

    private Requests() {}

    /** The authenticated caller (the auth filter has already refused anonymous calls to protected routes). */
    static Caller caller(Context ctx) {
        Caller caller = ctx.attribute(CALLER);
        if (caller == null) {
            throw new ApiException(ApiException.Kind.UNAUTHORISED, "an API key is required (Authorization: Bearer KEY)");
        }
        return caller;
    }

    static Caller caller(Context ctx, Permission permission) {
        Caller caller = caller(ctx);
        if (!caller.can(permission)) {
            throw ApiException.forbidden("role " + caller.role().label() + " may not do this (needs "
                    + permission.name().toLowerCase(Locale.ROOT) + ")");
        }
        return caller;
    }

    static String required(Context ctx, String param) {
        String v = ctx.queryParam(param);
        if (v == null || v.isBlank()) {
            throw ApiException.invalid("query parameter '" + param + "' is required");
        }
        return v;
    }

    static Optional<String> optional(Context ctx, String param) {
        return Optional.ofNullable(ctx.queryParam(param)).filter(v -> !v.isBlank());
    }

    static Set<String> commaList(Context ctx, String param) {
        return optional(ctx, param).map(v -> Arrays.stream(v.split(",")).map(String::trim)
                .filter(s -> !s.isEmpty()).collect(Collectors.toSet())).orElse(Set.of());
    }

    static boolean flag(Context ctx, String param) {
        return optional(ctx, param).map(v -> v.equalsIgnoreCase("true") || v.equals("1")).orElse(false);
    }

    static long id(Context ctx, String param) {
        String v = ctx.pathParam(param);
        try {
            long id = Long.parseLong(v);
            if (id <= 0) {
                throw new NumberFormatException();
            }
            return id;
        } catch (NumberFormatException e) {
            throw ApiException.notFound("no entry '" + v + "'");
        }
    }

    static int intParam(Context ctx, String param, int fallback, int min, int max) {
        Optional<String> v = optional(ctx, param);
        if (v.isEmpty()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v.get());
            if (n < min || n > max) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw ApiException.invalid("'" + param + "' must be a whole number from " + min + " to " + max);
        }
    }

    static long longParam(Context ctx, String param, long fallback) {
        Optional<String> v = optional(ctx, param);
        if (v.isEmpty()) {
            return fallback;
        }
        try {
            return Long.parseLong(v.get());
        } catch (NumberFormatException e) {
            throw ApiException.invalid("'" + param + "' must be a whole number");
        }
    }
}
