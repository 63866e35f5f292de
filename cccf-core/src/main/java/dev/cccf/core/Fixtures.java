package dev.cccf.core;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Deterministic random containers for tests and benchmarks, shaped like cccf 3.3.0's
 * {@code random()}: an image with a version, a command, a port, an env entry and a volume.
 */
public final class Fixtures {
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private static final String[] WORDS = {"web", "api", "db", "cache", "queue", "worker", "proxy", "auth",
        "search", "mail", "metrics", "logs", "cron", "admin", "static", "shop"};

    private Fixtures() {
    }

    public static List<Container> random(int n, long seed) {
        if (n < 0) {
            throw new IllegalArgumentException("n must be >= 0, was " + n);
        }
        SplittableRandom r = new SplittableRandom(seed);
        List<Container> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(random(r, i));
        }
        return out;
    }

    private static Container random(SplittableRandom r, int index) {
        String word = WORDS[r.nextInt(WORDS.length)];
        int port = 1000 + r.nextInt(4000);
        String path = word(r, 8);
        return Container.builder(word + "-" + index + "-" + word(r, 6),
                        word(r, 6) + "/" + word + ":" + (1 + r.nextInt(9)) + "." + r.nextInt(10) + "." + r.nextInt(10))
                .cmd(word + " --port " + port + " --name " + word(r, 10))
                .ports(port + ":" + port)
                .env(word.toUpperCase() + "_" + word(r, 4).toUpperCase() + "=" + word(r, 12))
                .volumes("/" + path + ":/" + path)
                .build();
    }

    private static String word(SplittableRandom r, int length) {
        char[] c = new char[length];
        for (int i = 0; i < length; i++) {
            c[i] = ALPHABET.charAt(r.nextInt(ALPHABET.length()));
        }
        return new String(c);
    }
}
