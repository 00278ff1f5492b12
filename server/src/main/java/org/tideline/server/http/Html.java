package org.tideline.server.http;

/**
 * Escaping for the server-rendered pages. Every value that did not come from this code is passed through
 * {@link #text}, which is safe in element content and in double-quoted attributes alike.
 */
final class Html {

    private Html() {}

    static String text(Object value) {
        String s = value == null ? "" : value.toString();
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * A whole page: no script, no external resource, a strict Content-Security-Policy set by the caller; the styles
     * keep contrast at WCAG AA and make keyboard focus visible.
     */
    static String page(String lang, String title, String body) {
        return """
                <!DOCTYPE html>
                <html lang="%s">
                <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <meta name="referrer" content="no-referrer">
                <title>%s</title>
                <style>
                body{font-family:system-ui,sans-serif;max-width:46rem;margin:0 auto;padding:1rem;color:#111;background:#fff;line-height:1.5}
                h1{font-size:1.6rem}label,legend{font-weight:600;display:block;margin-top:1rem}
                .hint{color:#333;font-size:.95rem;margin:.2rem 0}
                input[type=text],input[type=email],input[type=password],textarea,select{width:100%%;box-sizing:border-box;font:inherit;padding:.4rem;border:2px solid #444;border-radius:4px}
                fieldset{border:1px solid #666;border-radius:4px;margin-top:1rem}fieldset label{font-weight:400;display:inline;margin:0}
                .choice{margin:.3rem 0}
                button{font:inherit;margin-top:1rem;padding:.5rem 1.2rem;background:#0b4f8a;color:#fff;border:0;border-radius:4px;cursor:pointer}
                button.secondary{background:#444}
                :focus-visible{outline:3px solid #c60;outline-offset:2px}
                .errors{border:2px solid #a00;padding:.5rem 1rem;color:#700;background:#fff5f5}
                .notice{border:2px solid #0b4f8a;padding:.5rem 1rem;background:#f3f8fc}
                .warn{border:2px solid #a60;padding:.5rem 1rem;background:#fff8ec}
                .ref{font-size:1.6rem;font-weight:700;letter-spacing:.1em}
                nav.lang a{margin-right:.8rem}
                table{border-collapse:collapse;width:100%%}td,th{border-bottom:1px solid #ccc;padding:.3rem;text-align:left;vertical-align:top}
                .item{border:1px solid #999;border-radius:4px;padding:.5rem;margin:.5rem 0}
                .item img{max-width:320px;display:block}
                .pill{display:inline-block;padding:0 .4rem;border-radius:3px;background:#eee;border:1px solid #999;font-size:.85rem}
                .p0{background:#a00;color:#fff}
                </style>
                </head>
                <body>
                %s
                </body>
                </html>
                """.formatted(text(lang), text(title), body);
    }
}
