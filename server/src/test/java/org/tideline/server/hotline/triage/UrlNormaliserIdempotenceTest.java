package org.tideline.server.hotline.triage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import java.util.StringJoiner;
import org.junit.jupiter.api.Test;

/**
 * Property: a canonical URL is its own canonical form, {@code normalise(normalise(x).url())} equals
 * {@code normalise(x)}, and it is printable ASCII. Checked over URLs generated from awkward pieces (dot segments,
 * escapes of every kind, IDN and numeric hosts, tracking parameters, fragments) with a fixed seed, so a failure names
 * the input and repeats. Plain JUnit rather than jqwik: the server module does not otherwise need jqwik.
 */
class UrlNormaliserIdempotenceTest {
    private static final long SEED = 20_250_301L;
    private static final int CASES = 20_000;

    private static final List<String> SCHEMES =
            List.of("", "http://", "https://", "HTTP://", "hxxps://", "//", "http:\\\\", "http:", "Https:///");
    private static final List<String> USERINFO = List.of("", "", "user@", "a:b@", "example.com@", "@");
    private static final List<String> HOSTS = List.of(
            "example.com", "EXAMPLE.com.", "bücher.example", "xn--bcher-kva.example", "127.1", "0x7f.0.0.1",
            "2130706433", "[::FFFF:7F00:1]", "[2001:db8::0:1]", "[::]", "exa%6Dple.com", "www.youtube.com", "x.com",
            "a_b.example", "example[.]org", "ПРИМЕР.рф", "localhost");
    private static final List<String> PORTS = List.of("", "", ":80", ":443", ":8080", ":", ":0080");
    private static final List<String> SEGMENTS = List.of(
            "a", "B", ".", "..", "%2e", "%2E%2e", "%7E", "~", "%2F", "%2f", "é", "%C3%A9", "%c3%a9", "a b", "", "!",
            "%zz", "%", "日本", "😀", "[x]", "\u202E", "a%", "%25", ";p=1", "@", ":", "a|b", "%41", "'", "+",
            "...");
    private static final List<String> PARAMETERS = List.of(
            "utm_source=x", "id=1", "a=%26", "q=a+b", "si=2", "fbclid=z", "", "x", "x=", "UTM_MEDIUM=y", "n=é",
            "%7E=~", "q=a?b/c", "r=\\", "utm%5Fcampaign=c", "s=%2f", "t=a b", "ref_src=t", "igshid=1");
    private static final List<String> FRAGMENTS = List.of("top", "!/a", "/b", "!x y", "%21", "#", "", "!é", "/%7e");

    @Test
    void normalising_a_canonical_url_changes_nothing() {
        Random random = new Random(SEED);
        int accepted = 0;
        for (int i = 0; i < CASES; i++) {
            String reported = generate(random);
            NormalisedUrl first;
            try {
                first = UrlNormaliser.normalise(reported);
            } catch (BadUrl refused) {
                continue;
            }
            accepted++;
            assertThat(UrlNormaliser.normalise(first.url())).as("case %d: %s", i, reported).isEqualTo(first);
            assertThat(first.url()).as("case %d: %s", i, reported).matches("[!-~]+");
        }
        assertThat(accepted).as("most generated URLs are valid").isGreaterThan(CASES / 2);
    }

    private static String generate(Random random) {
        StringBuilder url = new StringBuilder()
                .append(pick(random, SCHEMES)).append(pick(random, USERINFO))
                .append(pick(random, HOSTS)).append(pick(random, PORTS));
        int segments = random.nextInt(6);
        for (int s = 0; s < segments; s++) {
            url.append(random.nextInt(8) == 0 ? "\\" : "/").append(pick(random, SEGMENTS));
        }
        if (random.nextBoolean()) {
            StringJoiner query = new StringJoiner("&", "?", "");
            int parameters = random.nextInt(4);
            for (int p = 0; p < parameters; p++) {
                query.add(pick(random, PARAMETERS));
            }
            url.append(query);
        }
        if (random.nextInt(3) == 0) {
            url.append('#').append(pick(random, FRAGMENTS));
        }
        return url.toString();
    }

    private static String pick(Random random, List<String> choices) {
        return choices.get(random.nextInt(choices.size()));
    }
}
