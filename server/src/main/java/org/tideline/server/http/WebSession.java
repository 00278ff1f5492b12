package org.tideline.server.http;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import org.tideline.server.Services;
import org.tideline.server.access.Caller;

/**
 * The analysts' browser session: the session token from logging in, in an HttpOnly, SameSite=Strict cookie, and a
 * per-session anti-forgery value in every form. The anti-forgery value is derived from the token, which no other
 * site can read, so nothing more needs to be stored.
 */
final class WebSession {

    static final String COOKIE = "tl_session";

    private WebSession() {}

    static Optional<Caller> caller(Services services, Context ctx) {
        String token = ctx.cookie(COOKIE);
        return token == null ? Optional.empty() : services.access().authenticate(token);
    }

    static void start(Context ctx, String token) {
        ctx.res().addHeader("Set-Cookie", COOKIE + "=" + token + "; Path=/hotline; HttpOnly; SameSite=Strict"
                + (ctx.scheme().equals("https") ? "; Secure" : ""));
    }

    static void end(Context ctx) {
        ctx.res().addHeader("Set-Cookie", COOKIE + "=; Path=/hotline; HttpOnly; SameSite=Strict; Max-Age=0");
    }

    static Optional<String> token(Context ctx) {
        return Optional.ofNullable(ctx.cookie(COOKIE));
    }

    /** The hidden form field that proves a POST came from one of our pages. */
    static String csrfField(Context ctx) {
        return "<input type=\"hidden\" name=\"csrf\" value=\"" + csrf(token(ctx).orElse("")) + "\">";
    }

    static boolean csrfValid(Context ctx) {
        String sent = ctx.formParam("csrf");
        String token = token(ctx).orElse(null);
        return sent != null && token != null && MessageDigest.isEqual(
                sent.getBytes(StandardCharsets.US_ASCII), csrf(token).getBytes(StandardCharsets.US_ASCII));
    }

    private static String csrf(String token) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(("tideline-csrf:" + token).getBytes(StandardCharsets.UTF_8)),
                    0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
