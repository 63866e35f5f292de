package dev.cccf.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The rules are written as plain loops for speed; these regular expressions are their readable
 * specification, and the loops must agree with them on every string (here: 200,000 random ones
 * per rule, from an alphabet of the characters that matter, plus the documented examples).
 */
class RulesSpecificationTest {
    private static final String ALPHABET = "aZ09_-./~:=, \t\n\0tcpudproxzZ/:.é☃";
    private static final String[] EXAMPLES = {"", "/", "//", "a", "/a", "/a:/b", "/a:/b:ro", "/a:/b:ro,z", "/a:/b:rx",
        "./t:/t", "../t:/t", "~/t:/t", "tmp:tmp", "chili", "data:/x", "foo bar:/x", "80:80", "80:80/tcp", "80:80/udp",
        "80:80/sctp", "0:80", "1234567890:1", "80", "8000", "8000/udp", "A=1", "=1", "A-B=1", "a.b=1", ".a=1", "a.=1", "A=", "A=x\ny", "_=", "a b"};

    private static void agree(String name, Predicate<String> spec, Predicate<String> impl) {
        agree(name, spec, impl, 200_000);
    }

    /** {@code spec} and {@code impl} agree on the examples and on {@code count} random strings. */
    static void agree(String name, Predicate<String> spec, Predicate<String> impl, int count) {
        SplittableRandom r = new SplittableRandom(name.hashCode());
        for (String e : EXAMPLES) {
            assertThat(impl.test(e)).as(name + " on " + Rules.quote(e)).isEqualTo(spec.test(e));
        }
        for (int n = 0; n < count; n++) {
            StringBuilder b = new StringBuilder();
            int len = r.nextInt(12);
            for (int i = 0; i < len; i++) {
                b.append(ALPHABET.charAt(r.nextInt(ALPHABET.length())));
            }
            String s = b.toString();
            assertThat(impl.test(s)).as(name + " on " + Rules.quote(s)).isEqualTo(spec.test(s));
        }
    }

    private static Predicate<String> regex(String regex, int flags) {
        Pattern p = Pattern.compile(regex, flags);
        return s -> p.matcher(s).matches();
    }

    @Test
    void idRule() {
        agree("id", regex("/?[A-Za-z0-9_-]+", 0), s -> Rules.checkId(s) == null);
    }

    @Test
    void envRule() {
        agree("env", regex("[A-Za-z0-9_][A-Za-z0-9_.]*=.*", Pattern.DOTALL), s -> Rules.checkEnv(s) == null);
    }

    @Test
    void portRuleFormat() {
        agree("port", regex("\\d{1,9}:\\d{1,9}(?:/(tcp|udp))?", 0),
                s -> Rules.checkPort(s) == null || Rules.checkPort(s).code().equals(Rules.PORT_RANGE));
    }

    @Test
    void exposeRuleFormat() {
        agree("expose", regex("\\d{1,9}(?:/(tcp|udp))?", 0),
                s -> Rules.checkExpose(s) == null || Rules.checkExpose(s).code().equals(Rules.EXPOSE_RANGE));
    }

    /** The range half of the port rules, by arithmetic: every number from 0 to 70,000 on each side. */
    @Test
    void portNumbersAreValidFrom1To65535OnEachSide() {
        for (int n = 0; n <= 70_000; n++) {
            boolean valid = n >= 1 && n <= 65_535;
            for (String port : List.of(n + ":80", "80:" + n, n + ":80/udp")) {
                Problem v = Rules.checkPort(port);
                assertThat(v == null ? null : v.code()).as(port).isEqualTo(valid ? null : Rules.PORT_RANGE);
            }
            Problem e = Rules.checkExpose(Integer.toString(n));
            assertThat(e == null ? null : e.code()).as("expose %d", n).isEqualTo(valid ? null : Rules.EXPOSE_RANGE);
        }
    }

    @Test
    void volumeRule() {
        String option = "(?:ro|rw|z|Z|nocopy|shared|slave|private|rshared|rslave|rprivate|cached|delegated|consistent)";
        Predicate<String> hostOnly = regex("/[^\\x00:]+", 0);
        Predicate<String> pair = regex("(?:/[^\\x00:]*|\\.{1,2}/[^\\x00:]*|~/[^\\x00:]*|[A-Za-z0-9][A-Za-z0-9_.-]*)"
                + ":/[^\\x00:]*[^\\x00:/][^\\x00:]*(?::" + option + "(?:," + option + ")*)?", 0);
        agree("volume", hostOnly.or(pair), s -> Rules.checkVolume(s) == null);
    }

    @Test
    void volumeNameIsTheSourceOfAnEntryThatNamesAVolume() {
        Pattern named = Pattern.compile("([A-Za-z0-9][A-Za-z0-9_.-]*):.*", Pattern.DOTALL);
        agree("volumeName", s -> named.matcher(s).matches(), s -> Rules.volumeName(s) != null);
        agree("volumeName's name", s -> true, s -> {
            String name = Rules.volumeName(s);
            return name == null || s.startsWith(name + ":");
        });
        assertThat(Rules.volumeName("pgdata:/var/lib/postgresql/data:ro")).isEqualTo("pgdata");
        assertThat(List.of("/srv/x:/x", "./x:/x", "~/x:/x", "/tmp", "data")).allSatisfy(v -> assertThat(Rules.volumeName(v)).isNull());
    }

    @Test
    void pathStep() {
        Predicate<String> plain = regex("[A-Za-z_][A-Za-z0-9_-]*", 0);
        agree("pathStep", plain, s -> Rules.pathStep(s).equals("." + s));
    }

    @Test
    void linkRule() {
        agree("link", regex("\\S+", 0).and(s -> s.chars().noneMatch(Character::isWhitespace)), s -> Rules.checkLink(s) == null);
    }
}
