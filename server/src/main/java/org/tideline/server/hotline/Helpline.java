package org.tideline.server.hotline;

import java.util.Objects;

/**
 * Where a child can get help, shown on the public report form: a helpline of one country (ISO 3166 alpha-2, or
 * {@code *} for one shown everywhere).
 */
public record Helpline(String country, String name, String phone, String url) {

    public Helpline {
        Objects.requireNonNull(country, "country");
        Objects.requireNonNull(name, "name");
        phone = phone == null ? "" : phone;
        url = url == null ? "" : url;
    }
}
