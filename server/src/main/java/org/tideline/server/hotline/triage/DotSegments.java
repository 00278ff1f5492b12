package org.tideline.server.hotline.triage;

import java.util.ArrayList;
import java.util.List;

/**
 * Removes {@code .} and {@code ..} segments from an absolute path, with the result RFC 3986 section 5.2.4 gives:
 * {@code /a/./b/../c} is {@code /a/c}, {@code /a/b/..} is {@code /a/}, and {@code ..} above the root stays at the
 * root. Written as a walk over segments rather than the RFC's buffer rewriting; the outcome is the same.
 *
 * <p>Empty segments ({@code //}) are kept: unlike dot segments they reach the server, and some servers route on them.
 * Merging them would make two different resources one key, and a report wrongly taken for a duplicate is never
 * looked at, while a missed duplicate only costs a second look.
 */
final class DotSegments {
    private DotSegments() {
    }

    /** {@code path} is empty or starts with '/'; the result starts with '/'. */
    static String remove(String path) {
        if (path.isEmpty()) {
            return "/";
        }
        String[] segments = path.substring(1).split("/", -1);
        List<String> kept = new ArrayList<>(segments.length);
        for (int i = 0; i < segments.length; i++) {
            String segment = segments[i];
            boolean last = i == segments.length - 1;
            if (segment.equals(".") || segment.equals("..")) {
                if (segment.equals("..") && !kept.isEmpty()) {
                    kept.removeLast();
                }
                if (last) {
                    kept.add(""); // "/a/b/.." names the directory: "/a/"
                }
            } else {
                kept.add(segment);
            }
        }
        return "/" + String.join("/", kept);
    }
}
